// A class of synthetic student repos, each a lab4/ folder made of real snippets (fixtures) and real manifests.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fenced, fixture, generatedReport, md } from './fixture.ts'

type Repo = { report?: string; files: Record<string, string> }

const seed = () => fixture('seed__lab4-report-seed.md')
const header = () => seed().split('\n').slice(0, 9).join('\n')

/** Report recipes, one per real source; every output in them is a fixture. */
const RECIPES: ReadonlyArray<() => Repo> = [
  () => ({ report: seed(), files: {} }),
  () => ({ report: generatedReport(), files: {} }),
  () => ({
    report: md(
      header(),
      fenced('Creampanda__minikube-start.txt'),
      fenced('Creampanda__get-pods-calico-node.txt'),
      fenced('Creampanda__get-nodes.txt'),
      fenced('Creampanda__get-pods-wide-and-ping-ip.txt'),
    ),
    files: {
      'calico.yaml': fixture('manifest__Creampanda__ippool-calico.txt'),
      'react.yaml': fixture('manifest__Creampanda__configmap-deployment.txt'),
    },
  }),
  () => ({
    report: md(
      header(),
      fenced('LinaMalinaMeow__label-nodes-zone.txt'),
      fenced('LinaMalinaMeow__calicoctl-create-ippools.txt'),
      fenced('LinaMalinaMeow__calicoctl-get-ippool-wide.txt'),
      fenced('LinaMalinaMeow__get-pods-wide.txt'),
      fenced('LinaMalinaMeow__exec-ping-own-ip-east.txt'),
    ),
    files: {
      'ippool_east.yaml': fixture('manifest__LinaMalinaMeow__ippool-east.txt'),
      'deployment.yaml': fixture('manifest__LinaMalinaMeow__deployment.txt'),
    },
  }),
  () => ({
    report: md(
      header(),
      fenced('eugenebuch__get-pods-A-calico-node-not-ready.txt'),
      fenced('gitvanya34__calicoctl-pod-get-ippool-wide-overlapping-cidrs.txt'),
    ),
    files: { 'yaml/ippool.yaml': fixture('manifest__gitvanya34__ippool-crd-overlapping.txt') },
  }),
  () => ({
    report: md(
      header(),
      fenced('sanchpet__get-nodes.txt'),
      fenced('sanchpet__calicoctl-get-ippool-wide-default.txt'),
      fenced('sanchpet__exec-nslookup-service.txt'),
      fenced('sanchpet__ping-endpoint-fqdn.txt'),
    ),
    files: { 'manifests/calico.yml': fixture('manifest__sanchpet__ippool-calico-yml.txt') },
  }),
  () => ({
    report: md(
      header(),
      fenced('DeerHolt__exec-nslookup-reverse-and-get-pods-wide.txt'),
      fenced('DeerHolt__exec-sh-ping-ip-both-ways.txt'),
      fenced('DeerHolt__port-forward-handling-connection.txt'),
    ),
    files: {},
  }),
  () => ({
    report: md(
      header(),
      fenced('kairoslav__minikube-start-single-then-node-add.txt'),
      fenced('kairoslav__ippool-delete-label-create-get-pods.txt'),
      fenced('kairoslav__exec-ping-ip-deprecated-syntax.txt'),
    ),
    files: {
      'react-deployment.yaml': fixture('manifest__kairoslav__deployment.txt'),
      'service.yaml': fixture('manifest__kairoslav__service-nodeport.txt'),
    },
  }),
  () => ({
    report: md(
      header(),
      fenced('Artemchikus__get-pods-A-and-nodes.txt'),
      fenced('Artemchikus__get-deploy-rs-pods-wide.txt'),
      fenced('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt'),
    ),
    files: { 'dep.yaml': fixture('manifest__Artemchikus__deployment.txt') },
  }),
  // A repo with manifests but no report at all.
  () => ({ files: { 'deployment.yml': fixture('manifest__alex-grandson__deployment-envFrom.txt') } }),
]

/** Write `n` repos `student-01`… under `dir`, cycling through the recipes; returns their folder names. */
export function writeClass(dir: string, n: number): string[] {
  const names: string[] = []
  for (let i = 0; i < n; i += 1) {
    const name = `student-${String(i + 1).padStart(2, '0')}`
    const repo = (RECIPES[i % RECIPES.length] as () => Repo)()
    const lab = join(dir, name, 'lab4')
    mkdirSync(lab, { recursive: true })
    writeFileSync(join(dir, name, '.gitignore'), 'node_modules\n')
    if (repo.report !== undefined) writeFileSync(join(lab, 'lab4_report.md'), repo.report)
    for (const [file, text] of Object.entries(repo.files)) {
      mkdirSync(join(lab, file, '..'), { recursive: true })
      writeFileSync(join(lab, file), text)
    }
    names.push(name)
  }
  return names
}
