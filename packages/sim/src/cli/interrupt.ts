// Ctrl-C as a remote TTY delivers it: the running program stops early, the shell and kubectl carry on.

export class Interrupt {
  now = false
  private wake: (() => void) | undefined

  fire(): void {
    this.now = true
    this.wake?.()
  }

  /** Sleep `ms`, or less when interrupted meanwhile. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(t)
        resolve()
      }
    })
  }
}
