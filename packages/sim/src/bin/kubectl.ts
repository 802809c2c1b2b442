import { kubectl } from '../cli/kubectl.ts'
import { runMain } from './main.ts'

runMain(kubectl)
