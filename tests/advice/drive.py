#!/usr/bin/env python3
"""Drives `samkoll ask --interactive` through a pseudo-terminal.

    drive.py SAMKOLL CASE OUT|- [--answer KEY=ANSWER]... [--default-bool ja|nej]
             [--stop-after N] [-- EXTRA-ARGS...]

OUT - leaves out -o (the default name). Reads the prompts as a person
would see them on a terminal; for each
question it finds the fact's key ("fakta: KEY" / "fact: KEY") and answers
from --answer (an exact key, or a key pattern with * for any run of
characters; for a list, items separated by ';'), else by the prompt:
ja/nej (--default-bool), the first of the listed values or choices, two
names for the parties, tasks and others, an empty line (no items) for
any other list, 50 per cent, 1 for numbers, a text. Prints the whole transcript and exits with
samkoll's exit status (or 99 if the dialogue stalls).
"""
import fnmatch
import os
import pty
import re
import select
import sys
import time


def main():
    argv = sys.argv[1:]
    extra = []
    if '--' in argv:
        i = argv.index('--')
        argv, extra = argv[:i], argv[i + 1:]
    samkoll, case, out = argv[:3]
    answers = []
    default_bool = 'nej'
    stop_after = None
    rest = argv[3:]
    while rest:
        a = rest.pop(0)
        if a == '--answer':
            k, v = rest.pop(0).split('=', 1)
            answers.append((k, v))
        elif a == '--default-bool':
            default_bool = rest.pop(0)
        elif a == '--stop-after':
            stop_after = int(rest.pop(0))
        else:
            sys.exit('drive.py: unknown argument ' + a)
    cmd = [samkoll, 'ask', '--interactive', case] + (['-o', out] if out != '-' else []) + extra
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['NO_COLOR'] = '1'
        os.execv(samkoll, cmd)
    transcript = b''
    pending = b''
    answered = 0
    deadline = time.time() + 120
    status = None
    while True:
        if time.time() > deadline:
            os.kill(pid, 9)
            sys.stdout.write(transcript.decode('utf-8', 'replace'))
            sys.stdout.write('\ndrive.py: the dialogue stalled\n')
            sys.exit(99)
        r, _, _ = select.select([fd], [], [], 0.2)
        if fd in r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b''
            if not chunk:
                break
            transcript += chunk
            pending += chunk
        text = pending.decode('utf-8', 'replace')
        if not text.endswith('> '):
            continue
        # a prompt: what is asked?
        keys = re.findall(r'(?:fakta|fact): (\S+)', transcript.decode('utf-8', 'replace'))
        key = keys[-1] if keys else ''
        prompt = text.rsplit('\n', 1)[-1]
        if stop_after is not None and answered >= stop_after:
            os.write(fd, b'\x04')  # end of input
            pending = b''
            continue
        answer = None
        for pat, val in answers:
            if pat == key or fnmatch.fnmatchcase(key, pat):
                answer = val
                break
        item = re.search(r' (?:nr|no\.) (\d+)(?::| \()', prompt)
        if item:
            # a list, item by item: names for the parties, tasks and other
            # organisations, else none (an empty line)
            n = int(item.group(1))
            if answer is not None:
                names = [x for x in answer.split(';')] if answer else []
                answer = names[n - 1] if n - 1 < len(names) else ''
            elif key.split('.')[-1] in ('parties', 'tasks', 'others'):
                answer = ['Part A', 'Part B'][n - 1] if n <= 2 else ''
            else:
                answer = ''
        elif answer is None:
            if 'ja / nej' in prompt or 'yes / no' in prompt:
                answer = default_bool
            elif ('nummer eller värde' in prompt or 'number or value' in prompt
                  or 'nummer eller namn' in prompt or 'number or name' in prompt):
                answer = '1'
            elif 'procent' in prompt or 'percent' in prompt:
                answer = '50'
            elif 'heltal' in prompt or 'whole number' in prompt or prompt.strip().startswith(('tal', 'number')):
                answer = '1'
            elif 'ÅÅÅÅ' in prompt or 'YYYY' in prompt:
                answer = '2025-01-01'
            elif 'beslutet' in prompt or 'the decision' in prompt:
                answer = 'ja'
            else:
                answer = 'text'
        os.write(fd, answer.encode('utf-8') + b'\n')
        answered += 1
        pending = b''
    _, st = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode('utf-8', 'replace'))
    sys.exit(os.waitstatus_to_exitcode(st))


if __name__ == '__main__':
    main()
