import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'

// A client that sends its requests and then never reads. A perl one-liner (perl-base is part of every
// Debian-like system) because Node cannot shrink a TCP socket's receive buffer.
const SCRIPT = `
use Socket;
my ($port, $requests) = @ARGV;
socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
setsockopt($s, SOL_SOCKET, SO_RCVBUF, pack('i', 2048)) or die "rcvbuf: $!";
connect($s, pack_sockaddr_in($port, inet_aton('127.0.0.1'))) or die "connect: $!";
syswrite($s, $requests);
$| = 1;
print "sent\\n";
sleep 600;
`

function request(path: string, token: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: */*\r\n\r\n`
}

/**
 * Opens `streamPath` on one connection that never reads. Before it, the same connection pipelines
 * `fillerPath` `fillerCount` times: those responses are more than the kernel's socket buffers can hold,
 * so the stream's response queues behind them at once, as it would for a client that stopped reading
 * long ago, instead of after megabytes of events.
 */
export async function startStalledClient(port: number, token: string, options: { streamPath?: string, fillerPath: string, fillerCount: number }): Promise<ChildProcess> {
  const requests = [...Array.from({ length: options.fillerCount }, () => request(options.fillerPath, token)), request(options.streamPath ?? '/api/v1/events/stream', token)].join('')
  const child = spawn('perl', ['-e', SCRIPT, String(port), requests], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let stderr = ''
    child.stderr!.on('data', (chunk) => {
      stderr += chunk
    })
    child.stdout!.once('data', () => resolve())
    child.once('exit', code => reject(new Error(`stalled client exited with ${code}: ${stderr}`)))
    child.once('error', reject)
  })
  return child
}
