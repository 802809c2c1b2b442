import { describe, expect, it } from 'vitest'
import { PLACEHOLDER, isRendered, missingFields, parsePage } from './page.ts'

const rendered = [
  'Hi there!',
  'Container was started by user: student',
  'Container was started by company: ITMO University',
  'Container name is: frontend-6f7c9d8b5-k2x8q',
  'Container was started with IP: 10.244.2.7',
].join('\n')

describe('parsePage', () => {
  it('reads the four values from the rendered page text', () => {
    expect(parsePage(rendered)).toEqual({
      username: 'student',
      company: 'ITMO University',
      containerName: 'frontend-6f7c9d8b5-k2x8q',
      containerIp: '10.244.2.7',
    })
    expect(isRendered(parsePage(rendered))).toBe(true)
    expect(missingFields(parsePage(rendered))).toEqual([])
  })

  it('sees the CRA shell before React runs as not rendered', () => {
    const v = parsePage('You need to enable JavaScript to run this app.')
    expect(isRendered(v)).toBe(false)
    expect(v.username).toBeNull()
  })

  it('names the fields shown as the placeholder', () => {
    const text = rendered
      .replace('user: student', `user: ${PLACEHOLDER}`)
      .replace('company: ITMO University', `company: ${PLACEHOLDER}`)
    const v = parsePage(text)
    expect(v.username).toBe(PLACEHOLDER)
    expect(missingFields(v)).toEqual(['username', 'company'])
  })

  it('keeps values with spaces and does not read across lines', () => {
    const v = parsePage('Container was started by company:\nContainer name is: x')
    expect(v.company).toBe('')
    expect(v.containerName).toBe('x')
  })
})
