/**
 * A self-signed certificate for the test site over https, made when a suite starts: nothing secret
 * is kept in the repository, and it never expires under a test. The browser is told to accept it
 * (Chromium's --ignore-certificate-errors, for that browser only).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificate {
  key: string;
  cert: string;
}

export async function selfSignedCertificate(hosts: readonly string[]): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'ask-image-tls-'));
  try {
    const names = ['127.0.0.1', ...hosts].map((host) => (/^[\d.]+$/.test(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${hosts[0] ?? '127.0.0.1'}`,
      '-addext', `subjectAltName=${names}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]).catch((error: unknown) => {
      throw new Error(`openssl could not make the test site's certificate (apt-get install openssl): ${String(error)}`);
    });
    const [key, cert] = await Promise.all([readFile(join(dir, 'key.pem'), 'utf8'), readFile(join(dir, 'cert.pem'), 'utf8')]);
    return { key, cert };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
