import { describe, expect, it } from 'vitest'
import { keyFamily } from './key.ts'

describe('keyFamily', () => {
  const ping = keyFamily('app.ping.endpoint')
  it('builds a key per object and reads the object back', () => {
    expect(ping('frontend-7c9d8f6b54-jx2lq')).toBe('app.ping.endpoint.frontend-7c9d8f6b54-jx2lq')
    expect(ping.prefix).toBe('app.ping.endpoint.')
    expect(ping.idOf(ping('web-1'))).toBe('web-1')
  })
  it('names no object for a key of another family', () => {
    expect(ping.idOf('app.ping.pod.web-1')).toBeUndefined()
    expect(ping.idOf(undefined)).toBeUndefined()
  })
})
