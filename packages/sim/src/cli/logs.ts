// `kubectl logs POD`: what the frontend image's node.js prints; `npm run build`'s own output stays in its pipe.
import { flag, type Parsed } from './flags.ts'
import { fail, type Io } from './io.ts'
import { withCluster, type Target } from './session.ts'
import { isRunning, reached } from '../world/pods.ts'

export async function kubectlLogs(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const ref = p.positionals[1]
  if (!ref) return fail('error: expected POD or TYPE/NAME is a required argument for the logs command')
  const name = ref.replace(/^(pod|pods|po)\//, '')
  const out = await withCluster(io, t, (c, _w, now) => {
    const pod = c.pods.find((x) => x.meta.name === name && x.meta.namespace === ns)
    if (!pod) return { error: `Error from server (NotFound): pods "${name}" not found` }
    const container = flag(p, 'container') ?? pod.spec.containers[0]?.name ?? ''
    if (!isRunning(pod, now)) {
      const why = pod.imagePullFails ? 'ImagePullBackOff' : 'ContainerCreating'
      return {
        error: `Error from server (BadRequest): container "${container}" in pod "${name}" is waiting to start: ${why}`,
      }
    }
    if (!pod.spec.containers[0]?.image.includes('itdt-contained-frontend'))
      return { error: `error: the simulator keeps logs of the frontend pods only, not of ${name}` }
    // node.js: log (its typo), execSync('npm run build') (whose stdout it captures, not logs), log, listen, log.
    const built = reached(pod.readyAt, now)
    return { text: `Builing frontend\n${built ? 'build finished\nServer started on port 3000\n' : ''}` }
  })
  if ('error' in out) return fail(out.error ?? '')
  io.out(out.text)
  return 0
}
