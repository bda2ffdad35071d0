#!/usr/bin/env python3
"""ask --interactive keeps the answers (issue 12, D11), through a pty:
1. an output that cannot be written is refused before the first question;
2. SIGINT or SIGTERM after one answer writes that answer to the output
   file (atomically: no temporary file left), says so, and exits 128+N;
3. end of input after one answer writes it too (exit 0 or a check status).
    interrupt.py SAMKOLL CASE
"""
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SAMKOLL, CASE = sys.argv[1], sys.argv[2]
failures = []


def check(what, good):
    print(("ok   " if good else "FAIL ") + what)
    if not good:
        failures.append(what)


def read_until(fd, needle, seconds=30):
    out = b""
    end = time.time() + seconds
    while needle not in out and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def drain(fd):
    out = b""
    while True:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            return out
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return out
        if not chunk:
            return out
        out += chunk


def session(args):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(SAMKOLL, [SAMKOLL, "ask", "--interactive", "--lang", "en", "--date", "2025-01-01"] + args)
    return pid, fd


d = tempfile.mkdtemp()
try:
    case = os.path.join(d, "case.yaml")
    shutil.copy(CASE, case)
    # 1. unwritable output
    r = subprocess.run([SAMKOLL, "ask", "--interactive", "--lang", "en", case, "-o",
                        os.path.join(d, "no", "such", "dir", "a.yaml")],
                       input=b"yes\n", capture_output=True)
    check("unwritable -o refused before any question (exit %d, %r)" % (r.returncode, r.stderr[:120]),
          r.returncode == 74 and b"?" not in r.stdout and b"cannot be written" in r.stderr)
    # 2. a signal after one answer
    for signame in ("SIGINT", "SIGTERM"):
        out = os.path.join(d, "answered-%s.yaml" % signame)
        pid, fd = session([case, "-o", out])
        first = read_until(fd, b"> ")
        os.write(fd, b"0\n")
        second = read_until(fd, b"> ")
        os.kill(pid, getattr(signal, signame))
        tail = drain(fd)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        left = [f for f in os.listdir(d) if ".tmp." in f]
        changed = text and text != open(case, encoding="utf-8").read()
        check("%s after one answer: exit %d, output written with the answer: %s, message: %s, temp left %r"
              % (signame, code, bool(changed), b"Interrupted" in tail, left),
              code == 128 + getattr(signal, signame) and changed and b"Interrupted" in tail
              and not left and b"> " in first and b"> " in second)
    # 3. end of input after one answer
    out = os.path.join(d, "answered-eof.yaml")
    pid, fd = session([case, "-o", out])
    read_until(fd, b"> ")
    os.write(fd, b"0\n")
    read_until(fd, b"> ")
    os.write(fd, b"\x04")
    drain(fd)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    check("end of input after one answer: output written (exit %d)" % code,
          os.path.exists(out) and open(out).read() != open(case).read() and code in (0, 1, 3))
finally:
    shutil.rmtree(d, ignore_errors=True)
sys.exit(1 if failures else 0)
