import { docker } from '../cli/docker.ts'
import { runMain } from './main.ts'

runMain(docker)
