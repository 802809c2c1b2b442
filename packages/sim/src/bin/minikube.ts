import { minikube } from '../cli/minikube.ts'
import { runMain } from './main.ts'

runMain(minikube)
