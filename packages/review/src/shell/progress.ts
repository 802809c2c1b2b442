// Progress of `--class`: a bar redrawn in place on a terminal, one plain line per student otherwise (CI, pipes).
export type Progress = { step: (done: number, total: number, label: string) => void; end: () => void }

const WIDTH = 24

export function progress(write: (s: string) => void, tty: boolean): Progress {
  if (!tty)
    return {
      step: (done, total, label) => write(`review: ${done}/${total} ${label}\n`),
      end: () => undefined,
    }
  return {
    step: (done, total, label) => {
      const full = total === 0 ? WIDTH : Math.round((done / total) * WIDTH)
      const name = label.length > 40 ? `${label.slice(0, 39)}…` : label
      write(`\r\u001b[2K[${'█'.repeat(full)}${'░'.repeat(WIDTH - full)}] ${done}/${total} ${name}`)
    },
    end: () => write('\r\u001b[2K'),
  }
}
