// Russian for the checks' verdicts: titles by check id, expected/actual/hint by the phrases the checks compose.
// The checks (cluster, ipam, app) write English text; names, addresses and commands inside it are kept verbatim.
import { plural, type Forms } from './strings.ts'

export const TITLES_RU: Record<string, string> = {
  'cluster.two-nodes-ready': 'в кластере заданное число узлов, все Ready',
  'cluster.calico-node-ready': 'на каждом узле один готовый pod calico-node (1/1 Running)',
  'cluster.cni-is-calico':
    'Calico — единственный CNI (DaemonSet calico-node, нет kindnet/flannel/cilium/weave)',
  'cluster.zone-labels': 'на каждом узле метка своей зоны из конфигурации',
  'cluster.zone-unique': 'каждое значение зоны стоит ровно на одном узле',
  'ipam.calicoctl-works': 'calicoctl работает как pod и видит хранилище данных кластера',
  'ipam.pools-exact': 'есть ровно пулы зон из конфигурации (CIDR, селектор, включены)',
  'ipam.default-pool-gone': 'пул по умолчанию default-ipv4-ippool удалён',
  'ipam.pods-in-zone-pool': 'IP каждого pod — из пула его зоны',
  'ipam.blocks-in-zone-pool': 'IPAM-блоки каждого узла лежат в пуле его зоны',
  'app.deployment-ready': 'Deployment запускает образ лабораторной с обеими переменными, все реплики готовы',
  'app.one-pod-per-zone': 'в каждой зоне ровно один готовый pod приложения',
  'app.service-endpoints': 'у Service есть готовый endpoint для каждой реплики',
  'app.pods-in-zone-pool': 'IP каждого pod приложения — из пула его зоны',
  'app.page-values': 'страница показывает заданных пользователя и компанию, имя и IP настоящего pod',
  'app.question9': 'вопрос 9: через один port-forward значения не меняются, другой pod показывает свои',
  'app.neighbour-ping': 'каждый pod пингует соседа на другом узле по FQDN',
  'app.dns-resolves': 'CoreDNS отвечает на имена endpoint, Service и pod',
  'app.clusterip-no-ping': 'ClusterIP сервиса разрешается, но не отвечает на ping (это виртуальный IP)',
  'cluster.frontend-image-pulled':
    'образ приложения есть на каждом узле до шагов IPAM (заранее скачан по сети хоста)',
  'app.policy-denies':
    'под NetworkPolicy, запрещающей весь входящий трафик, HTTP и ping между pod-ами не проходят',
  'app.policy-allows-port':
    'разрешение TCP 3000 от pod-ов приложения пропускает HTTP, а ping остаётся заблокирован',
  'app.policy-cleaned': 'после эксперимента не осталось NetworkPolicy лабораторной, и ping снова работает',
  // Check ids of older recorded runs (the report reads any run record).
  'cluster.nodes-ready': 'в кластере два узла, оба Ready',
  'cluster.calico-ready': 'calico-node готов на каждом узле',
  'ipam.zone-pools': 'есть пулы зон из конфигурации',
  'ipam.pod-ip-in-zone-pool': 'IP каждого pod — из пула его зоны',
  'app.deployment-spec': 'Deployment соответствует заданию',
  'app.q9-pinning': 'вопрос 9: один port-forward держит один pod',
  'app.ping-neighbour-fqdn': 'ping соседнего pod по FQDN',
  'app.coredns-pods-insecure': 'в Corefile включён режим pods insecure',
  'app.clusterip-no-icmp': 'ClusterIP не отвечает на ping',
  'record.integrity': 'запись прогона не изменена вручную',
}

const ID = String.raw`[^\s,;()]+`
const N = String.raw`(\d+)`
const p = (n: string, f: Forms) => plural('ru', Number(n), f)
const NODES: Forms = ['узел', 'узла', 'узлов']
const LOADS: Forms = ['загрузка', 'загрузки', 'загрузок']
const ENDPOINTS: Forms = ['готовым endpoint', 'готовыми endpoint-ами', 'готовыми endpoint-ами']

type Rule = [RegExp, string | ((...m: string[]) => string)]

/** Whole sentences first (hints, fixed expectations), then the phrases verdicts are built from. */
const RULES: Rule[] = [
  // core (withEvidence): before the phrase rules below take its pieces apart
  [
    /The step that records this evidence did not run or was interrupted; re-run `pnpm lab`\./,
    'Шаг, который записывает эти данные, не запускался или был прерван; запустите `pnpm lab` снова.',
  ],
  // tool output quoted inside a verdict stays literal
  [/(wget: [^;]*)/g, '`$1`'],
  // cluster: the image pre-pull
  [/^(\S+) on every node, each node Ready$/, '$1 на каждом узле, каждый узел Ready'],
  [/ has it\b/g, ': есть'],
  [/ lacks it\b/g, ': нет'],
  [/; the pull failed: /, '; скачать не удалось: '],
  // app: the NetworkPolicy experiment
  [
    /^before any policy each pod reaches its neighbour \(HTTP on :3000 and ping\); with (\S+) \(podSelector (\S+), policyTypes Ingress, no rules\) both time out$/,
    'до любой политики каждый pod достаёт соседа (HTTP на :3000 и ping); с $1 (podSelector $2, policyTypes Ingress, без правил) оба не проходят по таймауту',
  ],
  [
    /^with (\S+) \(ingress TCP 3000 from pods (\S+)\) added to (\S+), HTTP works again and ping still gets no reply: ICMP is not TCP 3000$/,
    'после добавления $1 (ingress TCP 3000 от pod-ов $2) к $3 HTTP снова работает, а ping по-прежнему без ответа: ICMP — не TCP 3000',
  ],
  [
    /^no (.*?) in namespace (\S+), and after deleting them each pod pings its neighbour again$/,
    'нет $1 в namespace $2, и после их удаления каждый pod снова пингует соседа',
  ],
  [/ lists no lab policy; /, ' не показывает ни одной политики лабораторной; '],
  [/after deleting both policies, /g, 'после удаления обеих политик: '],
  [
    / \(the experiment of run (\S+), (\S+), read from its record in the cluster\)/g,
    ' (эксперимент прогона $1, $2, прочитан из его записи в кластере)',
  ],
  [/page \((\d+) bytes\)/g, (_, n = '') => `страница (${p(n, ['байт', 'байта', 'байт'])})`],
  [
    /^not run: policy\.enabled is false in the config, so app\.policy skips the experiment$/,
    'не запускался: policy.enabled в конфигурации — false, поэтому app.policy пропускает эксперимент',
  ],
  [/: no (\w+) probe recorded/g, ': проба $1 не записана'],
  // cluster
  [new RegExp(`^${N} nodes, all Ready$`), (_, n = '') => `${p(n, NODES)}, все Ready`],
  [new RegExp(`^${N} nodes labelled (.*)$`), (_, n = '', v = '') => `${p(n, NODES)} с метками ${v}`],
  [
    /^one calico-node pod per node, each 1\/1 Running$/,
    'по одному pod calico-node на каждом узле, каждый 1/1 Running',
  ],
  [/^DaemonSet (\S+) and no other CNI DaemonSet$/, 'DaemonSet $1 и ни одного DaemonSet другого CNI'],
  [/^zones in node order: (.*)$/, 'зоны по порядку узлов: $1'],
  [
    /The profile has (\d+) node\(s\)\. Recreate it with (\d+): (.*?) \(nodes added by hand with minikube node add get names like -m03 and a CNI warning\)\./,
    (_, a = '', b = '', c = '') =>
      `В профиле ${p(a, NODES)}. Пересоздайте его с ${b}: ${c} (узлы, добавленные вручную через minikube node add, получают имена вида -m03 и предупреждение о CNI).`,
  ],
  [
    /Not Ready: (.*?)\. (kubectl .*?); calico-node must run there first\./,
    'Не Ready: $1. $2; сначала на узле должен заработать calico-node.',
  ],
  [
    /No calico-node DaemonSet: the profile was started without --cni calico\. Recreate it: (.*)\./,
    'Нет DaemonSet calico-node: профиль запущен без --cni calico. Пересоздайте его: $1.',
  ],
  [
    /Another CNI runs beside Calico \((.*?)\); pods may get addresses outside the Calico pools\. Recreate the profile with --cni calico only\./,
    'Рядом с Calico работает другой CNI ($1); pod-ы могут получить адреса вне пулов Calico. Пересоздайте профиль только с --cni calico.',
  ],
  [
    /(\d+) node\(s\) but (\d+) zone value\(s\); zones\.values needs one value per node\./,
    (_, a = '', b = '') =>
      `${p(a, NODES)}, а значений зон ${b}; в zones.values нужно по одному значению на узел.`,
  ],
  [/Label with the real node names: (.*)/, 'Поставьте метки на настоящие имена узлов: $1'],
  [
    /Each zone's IP pool selects its nodes by label, so each value must sit on one node: (.*)\./,
    'Пул каждой зоны выбирает узлы по метке, поэтому каждое значение должно стоять ровно на одном узле: $1.',
  ],
  [
    /the node cannot pull Calico's images \(network, proxy or registry limits\), so Calico cannot be judged\. Fix image access and re-run\./,
    'узел не может скачать образы Calico (сеть, прокси или ограничения registry), поэтому Calico оценить нельзя. Исправьте доступ к образам и запустите снова.',
  ],
  [
    /(\S+) runs (\d+) calico-node pods; wait for the rollout to settle\./,
    '$1: pod-ов calico-node — $2; дождитесь окончания rollout.',
  ],
  [/No calico-node pod on (\S+): (.*)/, 'Нет pod calico-node на $1: $2'],
  [
    /, not 1\/1 Running and Ready: wait for it \((.*?)\) before going on\./,
    ', а не 1/1 Running и Ready: дождитесь его ($1), прежде чем идти дальше.',
  ],
  [/No nodes were recorded; is the cluster up\?/, 'Узлы не записаны; запущен ли кластер?'],
  // ipam
  [
    /^calicoctl version shows a Client Version and the Cluster Version$/,
    'calicoctl version показывает Client Version и Cluster Version',
  ],
  [/^calicoctl (\S+), cluster (\S+)/, 'calicoctl $1, кластер $2'],
  [
    / \(versions differ: commands run with --allow-version-mismatch\)/,
    ' (версии различаются: команды запущены с --allow-version-mismatch)',
  ],
  [
    /calicoctl could not read the datastore: the pod needs DATASTORE_TYPE=kubernetes and the calicoctl ClusterRole \(re-apply (\S+)\)\./,
    'calicoctl не смог прочитать хранилище: pod-у нужны DATASTORE_TYPE=kubernetes и ClusterRole calicoctl (примените $1 заново).',
  ],
  [/^client (\S+), cluster (.*)$/, 'клиент $1, кластер $2'],
  [/^no (default-ipv4-ippool)$/, 'нет $1'],
  [/(default-ipv4-ippool) is absent/, '$1 отсутствует'],
  [/ still exists/, ' всё ещё существует'],
  [
    /It selects every node \(all\(\)\), so pods may still get IPs from it: (.*), then restart the pods\./,
    'Он выбирает все узлы (all()), поэтому pod-ы могут получать из него IP: $1, затем перезапустите pod-ы.',
  ],
  [
    /Re-run (`pnpm lab --from \S+`): it deletes wrong or extra pools and creates the missing ones through calicoctl\./,
    'Запустите заново $1: он удалит неверные и лишние пулы и создаст недостающие через calicoctl.',
  ],
  [/unexpected pool /g, 'лишний пул '],
  [/(\S+) is missing/g, '$1 отсутствует'],
  [/^no pools$/, 'нет пулов'],
  [
    /^every pod in (\S+) and CoreDNS has an IP inside the pool selecting its node \((\S+)\)$/,
    'у каждого pod в $1 и у CoreDNS IP из пула, который выбирает его узел ($2)',
  ],
  [/^every (\S+) pod has an IP from its zone's pool$/, 'у каждого pod $1 IP из пула его зоны'],
  [new RegExp(`(${ID}) (${ID}) on (${ID}) in (${ID})`, 'g'), '$1 $2 на $3 в $4'],
  [/no running pod with a pod IP in (\S+) or CoreDNS/, 'нет запущенного pod с IP в $1 или CoreDNS'],
  [
    /Nothing to judge yet: deploy the app \((.*?)\) and check CoreDNS is running\./,
    'Пока нечего оценивать: разверните приложение ($1) и проверьте, что CoreDNS работает.',
  ],
  [
    /Pods keep the IP they started with; recreate them after the pools change(.*?) — the next `pnpm lab` run does this\./,
    'Pod сохраняет IP, с которым запустился; пересоздайте pod-ы после смены пулов$1 — следующий запуск `pnpm lab` делает это сам.',
  ],
  [/: expected (.*?), actual /g, ': ожидался $1, на деле '],
  [/a pool selecting this node \(none does\)/g, 'пул, выбирающий этот узел (такого нет)'],
  [/\bnot in the node list\b/g, 'нет в списке узлов'],
  [
    /^every block affine to a node lies inside that node's zone pool$/,
    'каждый блок, закреплённый за узлом, лежит в пуле зоны этого узла',
  ],
  [/no block is affine to any node yet/, 'ни один блок ещё не закреплён за узлом'],
  [
    /Blocks appear when the first pod or tunnel address is allocated on a node; re-run after the pods start\./,
    'Блоки появляются, когда на узле выдан первый адрес pod или туннеля; запустите снова после старта pod-ов.',
  ],
  [/block (\S+) of (\S+):/g, 'блок $1 узла $2:'],
  [
    /Blocks of a deleted pool keep their affinity only while pods still use them \(or if the pool was deleted with kubectl\): restart those pods; delete pools only through calicoctl\./,
    'Блоки удалённого пула остаются закреплёнными, пока их адреса заняты pod-ами (или если пул удалён через kubectl): перезапустите эти pod-ы; удаляйте пулы только через calicoctl.',
  ],
  [/\bno pool\b/g, 'нет пула'],
  [/ or /g, ' или '],
  // app
  [
    /^Deployment (\S+): (\d+)\/(\d+) ready replicas of (\S+) with (.*) and (.*)$/,
    'Deployment $1: готово $2/$3 реплик образа $4 с $5 и $6',
  ],
  [/^(\d+)\/(\d+) ready, image (\S+), both env vars set$/, 'готово $1/$2, образ $3, обе переменные заданы'],
  [/spec\.replicas is (\d+)/g, 'spec.replicas = $1'],
  [/(\d+)\/(\d+) replicas ready/g, 'готово $1/$2 реплик'],
  [/image is /g, 'образ '],
  [/(\S+) is "(.*?)", not "(.*?)"/g, '$1 = "$2", а не "$3"'],
  [/(REACT_APP_\w+) is not set/g, '$1 не задана'],
  [
    /Re-apply (\S+) \(`pnpm lab --only app\.deploy`\); if replicas stay unready, see `kubectl describe pod` for the readiness probe\./,
    'Примените $1 заново (`pnpm lab --only app.deploy`); если реплики не становятся готовыми, смотрите readiness probe в `kubectl describe pod`.',
  ],
  [/no Deployment (\S+) in namespace (\S+)/, 'нет Deployment $1 в namespace $2'],
  [
    /Run `pnpm lab --only app\.deploy` to apply (\S+)\./,
    'Запустите `pnpm lab --only app.deploy`, чтобы применить $1.',
  ],
  [/the recorded object is not a Deployment/, 'записанный объект — не Deployment'],
  [/The lab asks for a Deployment, not a ReplicaSet\./, 'Задание требует Deployment, а не ReplicaSet.'],
  [/the image cannot be pulled: /, 'образ не скачивается: '],
  [
    /Check the network\/registry access from minikube \((.*?)\); on arm64 the amd64-only image needs emulation\./,
    'Проверьте доступ minikube к сети и registry ($1); на arm64 образу только для amd64 нужна эмуляция.',
  ],
  [/^one ready (\S+) pod in each zone \((.*)\)$/, 'в каждой зоне по одному готовому pod $1 ($2)'],
  [/^no ready pods$/, 'нет готовых pod-ов'],
  [/ both run on /g, ' оба работают на '],
  [/ all run on /g, ' все работают на '],
  [/zone (\S+) has none/g, 'в зоне $1 нет ни одного'],
  [/zone (\S+) has /g, 'в зоне $1: '],
  [/; not in any zone: /g, '; вне всех зон: '],
  [/\(unscheduled\)/g, '(не назначен)'],
  [
    /The Deployment's topologySpreadConstraints on (\S+) place one pod per zone; check the node labels \((.*?)\) and re-apply, then delete the extra pod\./,
    'topologySpreadConstraints Deployment по $1 ставят по одному pod на зону; проверьте метки узлов ($2), примените манифест заново и удалите лишний pod.',
  ],
  [
    new RegExp(`^Service (${ID}) with ${N} ready endpoints$`),
    (_, s = '', n = '') => `Service ${s} с ${p(n, ENDPOINTS)}`,
  ],
  [/^no ready endpoints$/, 'нет готовых endpoint-ов'],
  [new RegExp(`^${N} ready: `), (_, n = '') => `готовы ${n}: `],
  [
    /The Service selector must match the pod labels \((.*?)\) and the pods must pass their readiness probe\./,
    'Селектор Service должен совпадать с метками pod-ов ($1), а pod-ы должны проходить readiness probe.',
  ],
  [
    /^every load shows user "(.*?)", company "(.*?)", and the name and IP of a (\S+) pod$/,
    'каждая загрузка показывает пользователя "$1", компанию "$2", имя и IP pod $3',
  ],
  [
    new RegExp(`^${N} loads showed (.*?) / (.*?) and (.*)$`),
    (_, n = '', u = '', c = '', rest = '') => `${p(n, LOADS)} показали ${u} / ${c} и ${rest}`,
  ],
  [/no page was loaded \(no app\.page observation\)/, 'страница не загружалась (нет наблюдений загрузки)'],
  [/no recorded pod list to compare with/, 'нет записанного списка pod-ов для сравнения'],
  [
    /Run `pnpm lab --only app\.browser`; it port-forwards the Service and opens the page in a headless browser\./,
    'Запустите `pnpm lab --only app.browser`: он делает port-forward на Service и открывает страницу в headless-браузере.',
  ],
  [
    /(service|pod) load (\d+): /g,
    (_, v = '', n = '') => `${v === 'service' ? 'загрузка через Service' : 'загрузка через pod'} ${n}: `,
  ],
  [/ missing \(placeholder shown\)/g, ' нет (показана заглушка)'],
  [/user is "(.*?)"/g, 'пользователь "$1"'],
  [/company is "(.*?)"/g, 'компания "$1"'],
  [/"(.*?)" is not a pod of the Deployment \((.*?)\)/g, '"$1" — не pod этого Deployment ($2)'],
  [/IP (\S+) is not (\S+)'s IP (\S+)/g, 'IP $1 — не IP $2 ($3)'],
  [
    /Env vars are baked in when a pod starts: fix them in lab\.config\.yaml, re-run (`pnpm lab --only app\.deploy`) \(new pods\), then reload\./,
    'Переменные вшиваются при старте pod: исправьте их в lab.config.yaml, запустите $1 (новые pod-ы) и перезагрузите страницу.',
  ],
  [
    new RegExp(
      `^${N} loads through one port-forward of (\\S+) show one pod; a port-forward of the other pod shows the other$`,
    ),
    (_, n = '', s = '') =>
      `${p(n, LOADS)} через один port-forward на ${s} показывают один pod; port-forward на другой pod показывает другой`,
  ],
  [
    new RegExp(`^${N} loads through the Service forward, ${N} through the other pod`),
    (_, a = '', b = '') => `${p(a, LOADS)} через port-forward на Service, ${b} — через другой pod`,
  ],
  [/, no pod list/, ', нет списка pod-ов'],
  [
    /Run `pnpm lab --only app\.browser` with both replicas ready\./,
    'Запустите `pnpm lab --only app.browser`, когда обе реплики готовы.',
  ],
  [/^values changed within one forward /, 'значения менялись внутри одного port-forward '],
  [/^every forward showed the same pod /, 'каждый port-forward показал один и тот же pod '],
  [
    /^no change within a forward; the other pod showed its own name and IP /,
    'внутри одного port-forward без изменений; другой pod показал своё имя и IP ',
  ],
  [
    /(service|pod) forward (\S+): (\d+) loads?, /g,
    (_, v = '', id = '', n = '') =>
      `port-forward на ${v === 'service' ? 'Service' : 'pod'} ${id}: ${p(n, LOADS)}, `,
  ],
  [
    /kubectl port-forward pins one pod for its whole life; a change means the page came from elsewhere \(another process on the local port\?\)\./,
    'kubectl port-forward держит один pod всё время работы; изменение значит, что страница пришла из другого места (другой процесс на локальном порту?).',
  ],
  [
    /Both replicas must be Ready so the second forward reaches the other pod\./,
    'Обе реплики должны быть Ready, чтобы второй port-forward попал в другой pod.',
  ],
  [
    /^each pod gets every reply from the pod on the other node, pinged by its endpoint FQDN \((.*?)\), ttl below 64$/,
    'каждый pod получает все ответы от pod на другом узле, которого пингует по FQDN endpoint ($1), ttl меньше 64',
  ],
  [
    /Ping the OTHER pod by name: (`.*?`); ttl=64 means the reply came from the same host\./,
    'Пингуйте ДРУГОЙ pod по имени: $1; ttl=64 значит, что ответ пришёл с того же хоста.',
  ],
  [/(\d+)\/(\S+) replies/g, '$1/$2 ответов'],
  [/, (\d+)% loss/g, ', $1% потерь'],
  [/pinged by IP, not by FQDN/g, 'пинг по IP, а не по FQDN'],
  [/ping: bad address \(the name did not resolve\)/g, 'ping: bad address (имя не разрешилось)'],
  [
    /ping: permission denied \(the container cannot open a raw socket\)/g,
    'ping: permission denied (контейнер не может открыть raw-сокет)',
  ],
  [
    /(\S+) pinged itself \((.*?) from its own IP (\S+)\), not its neighbour (\S*)/g,
    '$1 пинговал сам себя ($2 со своего IP $3), а не соседа $4',
  ],
  [/(\S+) is not a pod of the Deployment/g, '$1 — не pod этого Deployment'],
  [/pinged (\S+) on (\S+), not the neighbour (\S+) on (\S+)/g, 'пинговал $1 на $2, а не соседа $3 на $4'],
  [/replies came from (.*?), not (\S+) \((\S+)\)/g, 'ответы пришли от $1, а не от $2 ($3)'],
  [
    /(\S+) runs on the same node (\S+); the neighbour must be in the other zone/g,
    '$1 работает на том же узле $2; сосед должен быть в другой зоне',
  ],
  [
    / from "the neighbour" on (\S+): ttl=64 means the reply did not cross nodes/g,
    ' от «соседа» на $1: ttl=64 значит, что ответ не переходил между узлами',
  ],
  [
    /(\d+) pod\(s\) with an IP; there is no neighbour to judge/,
    (_, n = '') => `pod-ов с IP: ${n}; нет соседа для проверки`,
  ],
  [/Both replicas must be running\./, 'Обе реплики должны работать.'],
  [
    /Re-run `pnpm verify` \(or `pnpm lab --only app\.network`\) with both pods running\./,
    'Запустите `pnpm verify` (или `pnpm lab --only app.network`) снова, когда оба pod-а работают.',
  ],
  [/printed no ping output \(exit (\S+)\):/g, 'не вывел ничего от ping (код выхода $1):'],
  [
    /^from each pod: the endpoint FQDN → the IP it names, (\S+) → ClusterIP (\S+), the pod A-record name → the IP it encodes$/,
    'из каждого pod: FQDN endpoint → IP из самого имени, $1 → ClusterIP $2, имя A-записи pod → IP, который оно кодирует',
  ],
  [/DNS evidence for (\S+) is incomplete/g, 'DNS-данные для $1 неполные'],
  [
    /Check CoreDNS \((.*?)\) and that the pinged name uses the Service name and namespace\./,
    'Проверьте CoreDNS ($1) и что в имени для ping стоят имя Service и namespace.',
  ],
  [/ → no answer/g, ' → нет ответа'],
  [/ → bad address/g, ' → bad address'],
  [
    /^no ICMP reply from the ClusterIP: kube-proxy forwards only the Service ports \(TCP\/UDP\), so there is no host behind the IP to answer ping$/,
    'ClusterIP не отвечает на ICMP: kube-proxy пересылает только порты Service (TCP/UDP), за этим IP нет хоста, который ответил бы на ping',
  ],
  [/: (\d+) of (\S+) answered/g, ': ответили $1 из $2'],
  [/: (\d+) replies/g, ': ответов $1'],
  [
    /: the node answered for the virtual IP \(kube-proxy IPVS mode\?\)/,
    ': узел ответил за виртуальный IP (kube-proxy в режиме IPVS?)',
  ],
  [
    /This cluster answers ICMP for Service VIPs; the ClusterIP is still not a pod\. Check (`.*?`) \(mode\)\./,
    'Этот кластер отвечает на ICMP для виртуальных IP сервисов; ClusterIP всё равно не pod. Проверьте $1 (mode).',
  ],
  // core (withEvidence) and generic pieces
  [/no recorded output for (.*)/g, 'нет записанного вывода для $1'],
  [
    /The step that records this evidence did not run or was interrupted; re-run `pnpm lab`\./,
    'Шаг, который записывает эти данные, не запускался или был прерван; запустите `pnpm lab` снова.',
  ],
  [/^no nodes$/, 'нет узлов'],
  [/^no DaemonSets$/, 'нет DaemonSet'],
  [/\(no value configured\)/g, '(значение не задано)'],
  [/\(none\)/g, '(нет)'],
  [/\(unset\)/g, '(не задана)'],
  [/ on no node/g, ' ни на одном узле'],
  [/ on 1 node/g, ' на 1 узле'],
  [
    / is (Pending|Running|Failed|Unknown|ImagePullBackOff|ErrImagePull|CrashLoopBackOff|ContainerCreating)/g,
    ': $1',
  ],
  [/ on (?=[\w-])/g, ' на '],
]

/** English words left after translation (names, commands and terms aside): the caller keeps the English then. */
const ENGLISH_LEFT =
  /\b(?:the|and|not|with|every|each|from|must|run|has|have|is|are|was|of|to|by|for|in|no|only)\b/

/** Russian for a verdict text; undefined when a phrase has no translation (the caller shows the English). */
export function verdictTextRu(text: string): string | undefined {
  if (text === '') return ''
  let out = text
  for (const [re, to] of RULES)
    out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, to as never)
  const bare = out.replace(/`[^`]*`/g, '').replace(/"[^"]*"/g, '')
  return ENGLISH_LEFT.test(bare) ? undefined : out
}
