import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'

// A client that opens the stream and then never reads. It is a perl one-liner (perl-base is part of every
// Debian-like system) because Node cannot shrink a TCP socket's receive buffer, and a small one keeps the
// bytes the kernel absorbs, before the server's own buffer fills, to a minimum.
const SCRIPT = `
use Socket;
my ($port, $token) = @ARGV;
socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
setsockopt($s, SOL_SOCKET, SO_RCVBUF, pack('i', 2048)) or die "rcvbuf: $!";
connect($s, pack_sockaddr_in($port, inet_aton('127.0.0.1'))) or die "connect: $!";
syswrite($s, "GET /api/v1/events/stream HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAuthorization: Bearer $token\\r\\nAccept: text/event-stream\\r\\n\\r\\n");
$| = 1;
print "sent\\n";
sleep 600;
`

/** Starts a stream client that sends its request and then stops reading; resolves once the request is sent. */
export async function startStalledClient(port: number, token: string): Promise<ChildProcess> {
  const child = spawn('perl', ['-e', SCRIPT, String(port), token], { stdio: ['ignore', 'pipe', 'pipe'] })
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
