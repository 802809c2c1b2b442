// lab.config.yaml: every default reproduces the course lab. Unknown keys are errors.
import { z } from 'zod'

const dns1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
/** Deployment and Service names: a DNS-1035 label (a letter first), as the API server demands of a Service. */
const dns1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
/** An image reference as docker's reference grammar has it: [registry[:port]/]path[:tag][@digest], no spaces. */
const imageRef =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/
/** Text shown on the page and matched by app.page-values: one line, no space at either end. */
const pageText = /^[^\s\p{Cc}](?:[^\p{Cc}\n\r\u2028\u2029]*[^\s\p{Cc}])?$/u

/** A Deployment or Service name. */
const objectName = () =>
  z
    .string()
    .max(63, 'is longer than 63 characters, the limit for a Kubernetes name')
    .regex(dns1035, 'must be a DNS-1035 label: lower-case letters, digits and "-", starting with a letter')

/** The user or company the page shows. */
const pageValue = (fallback: string) =>
  z
    .string()
    .min(1)
    .regex(pageText, 'must be one line with no space at either end (the page shows it trimmed)')
    .default(fallback)

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
)

/** Why `s` is not a real DD.MM.YYYY date (31.02.2025), or undefined when it is one. */
export function dateProblem(s: string): string | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s)
  if (!m) return 'is not a date written DD.MM.YYYY'
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12) return `has month ${m[2]}; months run 01–12`
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > days) return `is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`
  return undefined
}

// The pattern stays in the JSON Schema for editors; the calendar check (31.02.2025) runs only on that shape.
const courseDate = (opts: { dash: boolean }) =>
  z
    .string()
    .regex(
      opts.dash ? /^(\d{2}\.\d{2}\.\d{4}|-)$/ : /^\d{2}\.\d{2}\.\d{4}$/,
      opts.dash ? 'use DD.MM.YYYY or -' : 'use DD.MM.YYYY',
    )
    .superRefine((s, ctx) => {
      if ((opts.dash && s === '-') || !/^\d{2}\.\d{2}\.\d{4}$/.test(s)) return
      const problem = dateProblem(s)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

const seconds = (def: number) => z.number().int().positive().max(7200).default(def)

export const DEFAULT_IMAGE = 'ifilyaninitmo/itdt-contained-frontend:master'

export const PoolConfig = z.strictObject({
  /** Zone value whose nodes this pool serves (must be one of zones.values). */
  zone: z.string().min(1),
  /** IPPool name. @default `<zone>-ippool` */
  name: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be lower-case alphanumeric, "-" or "."')
    .optional(),
  /** IPv4 CIDR with no host bits, e.g. 10.244.1.0/24. */
  cidr: z.string().min(1),
  /** Calico block size (IPv4: 20..32). @default 26 */
  blockSize: z.number().int().default(26),
  ipipMode: z.enum(['Always', 'CrossSubnet', 'Never']).default('Always'),
  vxlanMode: z.enum(['Always', 'CrossSubnet', 'Never']).default('Never'),
  natOutgoing: z.boolean().default(true),
  disabled: z.boolean().default(false),
})

export const LabConfigSchema = z.strictObject({
  /** minikube profile; also the kubectl context name. @default lab4 */
  profile: z
    .string()
    .regex(dns1123, 'must be a DNS label: lower-case letters, digits and "-"')
    .min(2)
    .max(63)
    .default('lab4'),
  cluster: z
    .strictObject({
      nodes: z.number().int().min(1).max(10).default(2),
      driver: z
        .enum([
          'docker',
          'podman',
          'kvm2',
          'qemu2',
          'hyperkit',
          'hyperv',
          'virtualbox',
          'vfkit',
          'parallels',
          'vmware',
        ])
        .default('docker'),
      /** e.g. v1.31.0; omitted = minikube's default. */
      kubernetesVersion: z
        .string()
        .regex(/^v?\d+\.\d+\.\d+$/, 'must look like v1.31.0')
        .optional(),
      cpus: z.number().int().min(2).max(64).optional(),
      /** MiB per node; two CRA builds at once need ~3 GB. */
      memory: z.number().int().min(1800).max(131072).optional(),
      /** The node network minikube's driver uses; pools must not overlap it. */
      nodeCidr: z.string().default('192.168.49.0/24'),
      serviceCidr: z.string().default('10.96.0.0/12'),
    })
    .prefault({}),
  zones: z
    .strictObject({
      /** Node label key, e.g. zone or rack or topology.kubernetes.io/zone. */
      labelKey: z.string().min(1).max(316).default('zone'),
      /** One value per node, in node order: the first node gets the first value. */
      values: z.array(z.string()).min(1).default(['east', 'west']),
    })
    .prefault({}),
  pools: z
    .array(PoolConfig)
    .min(1)
    .default([
      {
        zone: 'east',
        cidr: '10.244.1.0/24',
        blockSize: 26,
        ipipMode: 'Always',
        vxlanMode: 'Never',
        natOutgoing: true,
        disabled: false,
      },
      {
        zone: 'west',
        cidr: '10.244.2.0/24',
        blockSize: 26,
        ipipMode: 'Always',
        vxlanMode: 'Never',
        natOutgoing: true,
        disabled: false,
      },
    ]),
  app: z
    .strictObject({
      namespace: z.string().max(63).regex(dns1123, 'must be a DNS label').default('default'),
      name: objectName().default('frontend'),
      image: z
        .string()
        .min(1)
        .regex(imageRef, 'is not an image reference (registry/name:tag, no spaces)')
        .default(DEFAULT_IMAGE),
      replicas: z
        .number()
        .int()
        .min(1, 'must be at least 1: the lab needs 2 pods, one per zone')
        .max(20)
        .default(2),
      username: pageValue('student'),
      company: pageValue('ITMO University'),
      service: z
        .strictObject({
          name: objectName().default('frontend'),
          type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default('ClusterIP'),
          port: z.number().int().min(1).max(65535).default(3000),
        })
        .prefault({}),
      /** Local port for `kubectl port-forward`; a busy port is replaced by a free one. */
      localPort: z.number().int().min(1024).max(65535).default(3000),
      /** Page reloads through one port-forward in the question 9 experiment. */
      reloads: z.number().int().min(1).max(20).default(3),
      pingCount: z.number().int().min(1).max(20).default(3),
    })
    .prefault({}),
  student: z
    .strictObject({
      university: z.string().default('[ITMO University](https://itmo.ru/ru/)'),
      faculty: z.string().default('[FICT](https://fict.itmo.ru)'),
      course: z
        .string()
        .default(
          '[Introduction to distributed technologies](https://github.com/itmo-ict-faculty/introduction-to-distributed-technologies)',
        ),
      year: z.string().default('2025/2026'),
      group: z.string().default('K0000'),
      author: z.string().default('Student Name'),
      lab: z
        .string()
        .regex(/^Lab4$/, 'this tool writes Lab 4; the header must say Lab4')
        .default('Lab4'),
      dateCreated: courseDate({ dash: false }).optional(),
      dateFinished: courseDate({ dash: true }).default('-'),
    })
    .prefault({}),
  report: z.strictObject({ lang: z.enum(['ru', 'en']).default('ru') }).prefault({}),
  /** The NetworkPolicy experiment (app.policy): deny, allow one port, clean up. */
  policy: z.strictObject({ enabled: z.boolean().default(true) }).prefault({}),
  /** Wait limits in seconds. */
  timeouts: z
    .strictObject({
      clusterStart: seconds(900),
      nodesReady: seconds(300),
      calicoReady: seconds(600),
      podReady: seconds(600),
      portForward: seconds(60),
      page: seconds(120),
      /** How long a NetworkPolicy change may take to show in the probes (Calico needs about a second). */
      policy: seconds(10),
    })
    .prefault({}),
})

export type LabConfig = z.infer<typeof LabConfigSchema>
export type PoolConfig = z.infer<typeof PoolConfig>

/** The pool's IPPool name, defaulted from its zone. */
export const poolName = (p: Pick<PoolConfig, 'name' | 'zone'>): string =>
  p.name ?? `${p.zone}-ippool`.toLowerCase().replace(/[^a-z0-9.-]/g, '-')

export const labelValuePattern = labelValue
