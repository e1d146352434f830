"""`ansatz serve` as a subprocess: MCP over stdio, one JSON-RPC message per line (the peers'
scripts share it; the e2e tests use the Python MCP client instead)."""
import json
import subprocess


class AnsatzServer:
    def __init__(self, binary, client="bench"):
        self.binary, self.client = binary, client
        self.start()

    def start(self):
        self.proc = subprocess.Popen([self.binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.ids = 0
        self.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                    "clientInfo": {"name": self.client, "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def send(self, message):
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()

    def request(self, method, params):
        """The reply to one request (notifications and other ids skipped)."""
        self.ids += 1
        self.send({"jsonrpc": "2.0", "id": self.ids, "method": method, "params": params})
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"ansatz serve exited (code {self.proc.poll()})")
            reply = json.loads(line)
            if reply.get("id") == self.ids:
                return reply

    def close(self, kill=False):
        if kill:
            self.proc.kill()
        else:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)
