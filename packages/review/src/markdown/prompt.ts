// Shell prompts as students paste them, and whether a line is a command someone typed.

export type CommandLine = {
  /** The prompt as written (`$`, `/frontend #`, `user@host:~$`, `➜  lab4 git:(main) ✗`), or '' for a bare command. */
  readonly prompt: string
  readonly command: string
  /** A prompt inside the app's container (`/frontend #`, `/ #`): the command ran in a pod. */
  readonly inPod: boolean
}

/** Tools whose names may open a line without a prompt (`kubectl get nodes` pasted on its own). */
const BARE_TOOL =
  /^(?:sudo\s+)?(kubectl|k|minikube|calicoctl|\.\/calicoctl|calicoctl-[\w.-]+|kubectl-calico|ping|nslookup|helm)(?:\s|$)/
const KUBECTL_VERB =
  /^(get|apply|create|delete|describe|exec|label|expose|port-forward|logs|rollout|edit|scale|run|calico|version|cluster-info|top|patch|replace|annotate|set|wait|config)$/
const MINIKUBE_VERB =
  /^(start|stop|delete|status|node|service|tunnel|addons|ip|kubectl|profile|ssh|dashboard|image|version|logs|config)$/
/** After a weak prompt (`$`, `%`, `#`, `>`) the rest must start with a tool we know, or it is output. */
const KNOWN_TOOL =
  /^(?:sudo\s+)?(kubectl|k|minikube|calicoctl|\.\/calicoctl|calicoctl-[\w.-]+|kubectl-calico|ping|nslookup|curl|wget|docker|helm|cat|echo|cd|ls|export|alias|chmod|sh|watch|grep|dig|host|exit|mv|cp|git|clear)(?:\s|$)/

type Pattern = { re: RegExp; inPod: boolean; strong: boolean }

const PATTERNS: readonly Pattern[] = [
  // oh-my-zsh: `➜  lab4 git:(main) ✗ kubectl get pods`
  { re: /^(➜\s+\S+(?:\s+git:\([^)]*\))?(?:\s+✗)?)\s+(.*)$/, inPod: false, strong: true },
  // bash: `user@host:~/lab4$ cmd` (a `#` for root)
  { re: /^((?:\([\w.-]+\)\s*)?[\w.-]+@[\w.-]+:[^\s$#]*[$#])\s*(.*)$/, inPod: false, strong: true },
  // zsh on macOS: `user@host lab4 % cmd`
  { re: /^([\w.-]+@[\w.-]+\s+\S+\s+[%$#])\s+(.*)$/, inPod: false, strong: true },
  // PowerShell and cmd.exe
  { re: /^(PS [A-Za-z]:\\[^>]*>)\s*(.*)$/, inPod: false, strong: true },
  { re: /^([A-Za-z]:\\[^>]*>)\s*(.*)$/, inPod: false, strong: true },
  // BusyBox sh in the frontend container: `/frontend # ping …`, `/ # …`, and `frontend # …` with the slash lost
  { re: /^(\/[\w./-]*\s?#|[\w.-]+\s#)\s+(.*)$/, inPod: true, strong: true },
  // bare `$ cmd`, `% cmd`, `# cmd`, `> cmd`
  { re: /^([$%#>])\s+(.*)$/, inPod: false, strong: false },
]

/** The command a line holds, or undefined when the line is output or prose. */
export function commandLine(raw: string): CommandLine | undefined {
  const text = raw.trim()
  if (text === '') return undefined
  for (const p of PATTERNS) {
    const m = p.re.exec(text)
    if (!m) continue
    const command = (m[2] ?? '').trim()
    if (command === '') return undefined
    if (!p.strong && !KNOWN_TOOL.test(command)) return undefined
    // A root prompt `#` inside a pod looks like `/ # ` and is matched above; here `#` is a host root shell.
    return { prompt: m[1] ?? '', command, inPod: p.inPod }
  }
  return bareCommand(text) ? { prompt: '', command: text, inPod: false } : undefined
}

/** A line that starts with a tool and a verb it knows, and is not one of kubectl's own warnings. */
export function bareCommand(text: string): boolean {
  const m = BARE_TOOL.exec(text)
  if (!m) return false
  if (/is DEPRECATED|\[POD\]|is now configured/.test(text)) return false
  const words = text.replace(/^sudo\s+/, '').split(/\s+/)
  const tool = m[1] ?? ''
  const verb = words[1] ?? ''
  if (tool === 'kubectl' || tool === 'k') return KUBECTL_VERB.test(verb)
  if (tool === 'minikube') return MINIKUBE_VERB.test(verb)
  if (tool === 'ping' || tool === 'nslookup') return words.length >= 2 && words.length <= 8
  return true
}

/** Output lines kubectl prints for a change (`node/minikube labeled`), used to tell a pasted command from prose. */
export const CHANGE_OUTPUT =
  /^[a-z][a-z0-9.-]*\/\S+ (created|labeled|configured|unchanged|deleted|exposed|not labeled|restarted|patched)$/
