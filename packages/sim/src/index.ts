export { setupSimulation, resetSimulation, FAKES, type Simulation, type SimulationOptions } from './setup.ts'
export { parseFaults, FAULTS } from './world/faults.ts'
export { readWorld } from './world/store.ts'
export { reconcileWorld } from './world/controllers.ts'
export type { World, Cluster, Pod, IPPool, Block, Fault, Faults } from './world/types.ts'
export { CALICO_VERSION, MINIKUBE_VERSION, KUBERNETES_VERSION } from './world/versions.ts'
// How long pulls, builds and minikube's downloads take, and how much faster the simulator plays them.
export { DEFAULT_TIMING, FRONTEND_REPOSITORY, type Timing } from './world/timing.ts'
