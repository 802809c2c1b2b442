import { describe, expect, it } from 'vitest'
import { buildReportModel } from '../model/model.ts'
import { topologySvg } from './topology.ts'
import { fixtureRun } from '../testing/fixtures.ts'

const svgOf = (name: 'run-good' | 'run-fail') => {
  const { run, config, texts } = fixtureRun(name)
  return topologySvg(buildReportModel(run, config, texts), 'en')
}

describe('topologySvg', () => {
  const svg = svgOf('run-good')
  it('groups nodes by zone with their pool CIDRs', () => {
    expect(svg).toContain('>zone=east<')
    expect(svg).toContain('>pool east-ippool 10.244.1.0/24<')
    expect(svg).toContain('>node lab4-m02<')
    expect(svg.indexOf('zone=east')).toBeLessThan(svg.indexOf('node lab4<'))
  })
  it('shows pods with IPs, CoreDNS, the Service and lines to both endpoints', () => {
    expect(svg).toContain('>pod frontend-7c9d8f6b54-jx2lq<')
    expect(svg).toContain('>10.244.2.129 ∈ west-ippool<')
    expect(svg).toContain('>CoreDNS coredns-668d6bf9bc-w5x7n<')
    expect(svg).toContain('>Service frontend (ClusterIP)<')
    expect(svg.match(/stroke="#f9a825" stroke-width="1.2"/g)).toHaveLength(2)
  })
  it('colours ping paths by verdict: both green when they pass, one red when one fails', () => {
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#2e7d32"/g)).toHaveLength(2)
    const failed = svgOf('run-fail')
    expect(failed.match(/<path d="M[^"]*" fill="none" stroke="#2e7d32"/g)).toHaveLength(1)
    expect(failed).toMatch(/<path d="M[^"]*" fill="none" stroke="#c62828"/)
  })
  it('is well-formed enough for a browser (one root, balanced text tags) and deterministic', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.match(/<text/g)?.length).toBe(svg.match(/<\/text>/g)?.length)
    expect(svgOf('run-good')).toBe(svg)
  })
})
