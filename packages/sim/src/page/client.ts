// The frontend's page, rebuilt with React the way the image's src/App.js renders it (bundled for the browser by setup).
import { createElement as h, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { MISSING, RENDER_MS } from './constants.ts'

function App() {
  useEffect(() => {
    let counter = 0
    console.log('---------------------------------------------------------')
    console.info(`If you see this '${MISSING}' somewhere on your page -> this means you did something wrong`)
    console.log('---------------------------------------------------------')
    const timer = setInterval(() => console.log(`${counter++}. This app is still working`), 1000)
    return () => clearInterval(timer)
  }, [])
  // setup.ts maps each process.env.REACT_APP_* to the values baked into this pod's bundle, as CRA's build does.
  return h(
    'div',
    { className: 'App' },
    h('div', null, 'Hi there!'),
    h('div', null, 'Container was started by user: ', process.env.REACT_APP_USERNAME || MISSING),
    h('div', null, 'Container was started by company: ', process.env.REACT_APP_COMPANY_NAME || MISSING),
    h('div', null, 'Container name is: ', process.env.REACT_APP_CONTAINER_NAME || MISSING),
    h('div', null, 'Container was started with IP: ', process.env.REACT_APP_CONTAINER_IP || MISSING),
  )
}

const root = document.getElementById('root')
if (root) setTimeout(() => createRoot(root).render(h(App)), RENDER_MS)
