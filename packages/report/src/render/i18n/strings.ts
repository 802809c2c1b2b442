// Every word the report draws outside the templates (images, captions, titles, PDF header), per language.
import { appKeys } from '@lab4/app'
import { clusterKeys } from '@lab4/cluster'
import { ipamKeys } from '@lab4/ipam'

export type Lang = 'ru' | 'en'
export const LANGS: readonly Lang[] = ['ru', 'en']

/** Plural forms: ru one/few/many (1 проверка, 2 проверки, 5 проверок), en one/other. */
export type Forms = readonly [one: string, few: string, many: string]

/** `n` and the form Intl.PluralRules picks for it (fractions take ru's `few`, as in "1,5 байта"). */
export function plural(lang: Lang, n: number, forms: Forms): string {
  const rule = new Intl.PluralRules(lang).select(n)
  const word =
    rule === 'one' ? forms[0] : rule === 'few' || (lang === 'ru' && rule === 'other') ? forms[1] : forms[2]
  return `${n} ${word}`
}

export type ShotText = { via: 'service' | 'pod'; target: string; url: string; pod: string; ip: string }

export type Strings = {
  lang: Lang
  /** The mark in every image and on every page of a simulated run. */
  simulated: string
  toc: string
  exitCode: (code: number) => string
  stoppedBy: (signal: string) => string
  continued: string
  outputText: string
  terminalAlt: (label: string) => string
  keyLabel: (key: string) => string | undefined
  shotAlt: (t: ShotText) => string
  shotCaption: (t: ShotText) => string
  /** The status line drawn under the page inside the browser frame. */
  shotStatus: (t: ShotText) => string
  topology: {
    node: string
    controlPlane: string
    worker: string
    pool: string
    noPool: string
    noPods: string
    noIp: string
    outsidePools: string
    noLabel: (key: string) => string
    service: string
    noClusterIp: string
    endpoints: (n: number) => string
    legend: readonly [string, string, string, string]
  }
  pageHeader: string
  runLabel: string
}

/** Human names of the outputs drawn as terminals (window titles and alt texts); keys never reach the reader. */
const LABELS: Record<Lang, Array<[string | { prefix: string }, string]>> = {
  ru: [
    [clusterKeys.start, 'запуск кластера minikube'],
    [clusterKeys.nodesWide, 'узлы кластера'],
    [clusterKeys.calicoPodsWide, 'pod-ы calico-node'],
    [clusterKeys.kubeSystemTable, 'pod-ы kube-system'],
    [clusterKeys.nodesLabels, 'метки зон на узлах'],
    [ipamKeys.poolsBeforeWide, 'пулы IP до изменения'],
    [ipamKeys.poolsAfterWide, 'пулы IP после изменения'],
    [appKeys.podsWide, 'pod-ы приложения'],
    [appKeys.objectsWide, 'объекты приложения'],
    [appKeys.pingEndpoint, 'ping соседа по FQDN'],
    [appKeys.corefile, 'Corefile CoreDNS'],
  ],
  en: [
    [clusterKeys.start, 'minikube cluster start'],
    [clusterKeys.nodesWide, 'cluster nodes'],
    [clusterKeys.calicoPodsWide, 'calico-node pods'],
    [clusterKeys.kubeSystemTable, 'kube-system pods'],
    [clusterKeys.nodesLabels, 'zone labels on the nodes'],
    [ipamKeys.poolsBeforeWide, 'IP pools before the change'],
    [ipamKeys.poolsAfterWide, 'IP pools after the change'],
    [appKeys.podsWide, 'app pods'],
    [appKeys.objectsWide, 'app objects'],
    [appKeys.pingEndpoint, 'ping of the neighbour by FQDN'],
    [appKeys.corefile, 'CoreDNS Corefile'],
  ],
}

const labelOf = (lang: Lang) => (key: string) => {
  const hit = LABELS[lang].find(([k]) => (typeof k === 'string' ? k === key : key.startsWith(`${k.prefix}.`)))
  if (!hit) return undefined
  const pod = typeof hit[0] === 'string' ? '' : key.slice(hit[0].prefix.length + 1)
  return pod ? `${hit[1]} (${lang === 'ru' ? 'из' : 'from'} ${pod})` : hit[1]
}

const ru: Strings = {
  lang: 'ru',
  simulated: 'SIMULATED — симулятор, не данные настоящего кластера',
  toc: 'Содержание',
  exitCode: (c) => `код выхода ${c}`,
  stoppedBy: (sig) => `остановлен инструментом: ${sig}`,
  continued: '↳ — продолжение строки, которая не поместилась по ширине страницы.',
  outputText: 'Текст вывода',
  terminalAlt: (label) => `Терминал: ${label}`,
  keyLabel: labelOf('ru'),
  shotAlt: (t) => `Страница приложения: pod ${t.pod}, IP ${t.ip}`,
  shotCaption: (t) =>
    `Страница по адресу ${t.url}, который открыл port-forward ${t.via === 'service' ? 'на Service' : 'прямо на pod'} \`${t.target}\`: Container name \`${t.pod}\`, Container IP \`${t.ip}\`.`,
  shotStatus: (t) => `port-forward ${t.target} → pod ${t.pod} (${t.ip})`,
  topology: {
    node: 'узел',
    controlPlane: 'control-plane',
    worker: 'worker',
    pool: 'пул',
    noPool: 'ни один пул не выбирает эту зону',
    noPods: 'pod-ов не записано',
    noIp: 'нет IP',
    outsidePools: ' (вне всех пулов)',
    noLabel: (key) => `без метки ${key}`,
    service: 'Service',
    noClusterIp: 'ClusterIP не записан',
    endpoints: (n) => `${plural('ru', n, ['endpoint', 'endpoint-а', 'endpoint-ов'])}`,
    legend: ['ping дошёл (PASS)', 'ping не дошёл (FAIL)', 'не оценено', 'Service → endpoint'],
  },
  pageHeader: 'Лабораторная работа 4',
  runLabel: 'прогон',
}

const en: Strings = {
  lang: 'en',
  simulated: 'SIMULATED — not evidence from a real cluster',
  toc: 'Contents',
  exitCode: (c) => `exit ${c}`,
  stoppedBy: (sig) => `stopped by the tool: ${sig}`,
  continued: '↳ marks the rest of a line too wide for the page.',
  outputText: 'Output as text',
  terminalAlt: (label) => `Terminal: ${label}`,
  keyLabel: labelOf('en'),
  shotAlt: (t) => `The app's page: pod ${t.pod}, IP ${t.ip}`,
  shotCaption: (t) =>
    `The page at ${t.url}, opened by a port-forward ${t.via === 'service' ? 'to the Service' : 'straight to the pod'} \`${t.target}\`: Container name \`${t.pod}\`, Container IP \`${t.ip}\`.`,
  shotStatus: (t) => `port-forward ${t.target} → pod ${t.pod} (${t.ip})`,
  topology: {
    node: 'node',
    controlPlane: 'control-plane',
    worker: 'worker',
    pool: 'pool',
    noPool: 'no pool selects this zone',
    noPods: 'no pods recorded',
    noIp: 'no IP',
    outsidePools: ' (outside every pool)',
    noLabel: (key) => `no ${key} label`,
    service: 'Service',
    noClusterIp: 'ClusterIP not recorded',
    endpoints: (n) => plural('en', n, ['endpoint', 'endpoints', 'endpoints']),
    legend: ['ping replied (PASS)', 'ping failed (FAIL)', 'not gradable', 'Service → endpoint'],
  },
  pageHeader: 'Lab 4',
  runLabel: 'run',
}

export const STRINGS: Record<Lang, Strings> = { ru, en }
