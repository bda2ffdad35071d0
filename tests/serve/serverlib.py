"""Starting `samkoll serve` for a test and talking to it (shared by the API,
security, browser and load tests in tests/serve/)."""
import http.client
import json
import re
import subprocess
import time
import urllib.parse


class Server:
    """`samkoll serve --listen 127.0.0.1:0 ARGS...`: started, its URL read
    from standard output, stopped with SIGTERM (and its exit status
    checked) by stop()."""

    def __init__(self, samkoll, *args, env=None):
        self.proc = subprocess.Popen([samkoll, "serve", "--listen", "127.0.0.1:0"] + list(args),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     universal_newlines=True, env=env)
        self.url = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"(http://\S+)", line)
            if m:
                self.url = m.group(1)
                break
        if not self.url:
            self.proc.kill()
            raise RuntimeError("samkoll serve printed no URL: " + self.proc.stderr.read())
        u = urllib.parse.urlparse(self.url)
        self.host, self.port = u.hostname, u.port

    def request(self, method, path, body=None, headers=None, host=None):
        """(status, headers dict (lower-case names), body bytes)."""
        c = http.client.HTTPConnection(self.host, self.port, timeout=120)
        h = dict(headers or {})
        if host is not None:
            c.putrequest(method, path, skip_host=True)
            c.putheader("Host", host)
            for k, v in h.items():
                c.putheader(k, v)
            if body is not None:
                c.putheader("Content-Length", str(len(body)))
            c.endheaders(body)
        else:
            c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, hdrs, data

    def post(self, path, body, ctype="application/yaml", headers=None):
        h = {"Content-Type": ctype}
        h.update(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        return self.request("POST", path, body, h)

    def get(self, path, headers=None):
        return self.request("GET", path, None, headers)

    def json(self, method, path, body=None, **kw):
        if method == "GET":
            s, h, d = self.get(path, **kw)
        else:
            s, h, d = self.post(path, body, **kw)
        return s, json.loads(d.decode("utf-8"))

    def raw(self, head):
        """Sends the request head (bytes, no body) and returns the status
        line and everything the server sent before it closed."""
        import socket
        with socket.create_connection((self.host, self.port), timeout=60) as so:
            so.sendall(head)
            out = b""
            while True:
                try:
                    chunk = so.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not chunk:
                    break
                out += chunk
                if b"\r\n\r\n" in out and b"}" in out:
                    break
        return out

    def token(self):
        s, h, d = self.get("/")
        m = re.search(rb'data-token="([0-9a-f]{64})"', d)
        return m.group(1).decode() if m else None

    def alive(self):
        try:
            s, h, d = self.get("/healthz")
            return s == 200 and json.loads(d)["status"] == "ok"
        except OSError:
            return False

    def stop(self):
        """SIGTERM; returns the exit status (0 after a clean stop)."""
        self.proc.terminate()
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.stderr = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc
