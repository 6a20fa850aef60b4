#!/usr/bin/env python3
"""Drives a command through a real pseudo-terminal, for tests of interactive prompts.

    python3 pty.py STEPS_JSON -- command arg...

STEPS_JSON is {"steps": [{"expect": "<regex>", "send": "<text>"}, ...], "timeout": 30,
"cwd": "...", "env": {...}}. Each step waits until the output since the previous match
matches `expect`, then types `send` ("\\r" is Enter, "\\u001b[B" the down arrow,
"\\u0003" Ctrl-C). After the last step it reads until the command exits, prints everything
the command wrote to the terminal on stdout, and exits with the command's exit code
(128 + signal when killed). A step that times out exits 124.
"""
import json
import os
import sys

# This file is named pty.py: keep its own folder off the path so `import pty` is the stdlib's.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import pty  # noqa: E402
import re
import select
import signal
import struct
import time

try:
    import fcntl
    import termios
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = termios = None


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    config = json.loads(sys.argv[1])
    command = sys.argv[3:]
    steps = config.get("steps", [])
    timeout = float(config.get("timeout", 30))
    env = dict(os.environ)
    env.update(config.get("env", {}))
    env.setdefault("TERM", "xterm-256color")

    pid, fd = pty.fork()
    if pid == 0:
        if config.get("cwd"):
            os.chdir(config["cwd"])
        try:
            os.execvpe(command[0], command, env)
        finally:
            os._exit(127)

    if fcntl and termios:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    output = bytearray()
    seen = 0  # where the next `expect` starts looking

    def pump(wait: float) -> bool:
        """Reads what is there; False once the terminal is closed."""
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        output.extend(chunk)
        return True

    def text() -> str:
        return output.decode("utf-8", errors="replace")

    alive = True
    for step in steps:
        pattern = re.compile(step["expect"])
        deadline = time.time() + timeout
        while True:
            match = pattern.search(strip(text()), seen)
            if match:
                seen = match.end()
                break
            if not alive or time.time() > deadline:
                sys.stdout.write(text())
                print(f"\n[pty] timed out waiting for {step['expect']!r}", file=sys.stderr)
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return 124
            alive = pump(0.1)
        time.sleep(float(step.get("delay", 0.15)))
        os.write(fd, step["send"].encode("utf-8"))

    deadline = time.time() + timeout
    while alive and time.time() < deadline:
        alive = pump(0.2)
    if alive:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(text())
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def strip(s: str) -> str:
    """The output without terminal control sequences, so patterns match what a person sees."""
    return ANSI.sub("", s)


if __name__ == "__main__":
    sys.exit(main())
