// Tiny wheels for packaging tests, written by hand (a wheel is a zip with a dist-info folder),
// into a folder pip reads with PIP_NO_INDEX=1 and PIP_FIND_LINKS=<folder>: no package index.
import { execFileSync } from 'node:child_process';

/** Writes <dir>/<name>-<version>-<tag>.whl holding the package <name> (an __init__.py with VERSION). */
export function writeWheel(dir: string, name: string, version: string, tag = 'py3-none-any'): void {
  const script = `
import base64, hashlib, sys, zipfile
d, name, version, tag = sys.argv[1:5]
files = {
  f"{name}/__init__.py": f"VERSION = {version!r}\\n",
  f"{name}-{version}.dist-info/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
  f"{name}-{version}.dist-info/WHEEL": f"Wheel-Version: 1.0\\nGenerator: eda-test\\nRoot-Is-Purelib: {'true' if tag.endswith('any') else 'false'}\\nTag: {tag}\\n",
}
def digest(text):
  return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
record = "".join(f"{p},{digest(t)},{len(t.encode())}\\n" for p, t in files.items()) + f"{name}-{version}.dist-info/RECORD,,\\n"
files[f"{name}-{version}.dist-info/RECORD"] = record
with zipfile.ZipFile(f"{d}/{name}-{version}-{tag}.whl", "w") as z:
  for p, t in files.items():
    z.writestr(zipfile.ZipInfo(p, (2020, 1, 1, 0, 0, 0)), t)
`;
  execFileSync('python3', ['-c', script, dir, name, version, tag]);
}
