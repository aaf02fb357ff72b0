#!/usr/bin/env python
"""Provide ansible-test's pip bootstrap offline (research C.2).

Run with the Python of a venv that holds ansible-core, as
``python tools/ansible_test_pip_shim.py WHEEL_DIR TEST_HOME``.

ansible-test creates its venvs without pip and bootstraps pip with get-pip.py, which it
downloads from a host unreachable here unless ``~/.ansible/test/cache/get_pip_<X_Y_Z>.py``
already exists.  This script asks the installed ansible-test which packages it bootstraps
(pip, and on older cores setuptools and wheel), downloads those wheels from PyPI into
WHEEL_DIR, and writes a small get_pip shim for that pip version into
TEST_HOME/.ansible/test/cache/.  ansible-test must then run with HOME=TEST_HOME.
Idempotent: nothing is downloaded or written when the wheels and the shim are in place.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import types

SHIM = '''\
"""Offline stand-in for get-pip.py {pip_version}, written by tools/ansible_test_pip_shim.py."""
import glob
import os
import runpy
import sys

WHEEL_DIR = {wheel_dir!r}
PIP_WHEEL = os.path.join(WHEEL_DIR, {pip_wheel!r})


def local(requirement):
    """True when a wheel for requirement (name==version) is in WHEEL_DIR."""
    name, version = requirement.split('==', 1)
    stem = name.replace('-', '_') + '-' + version + '-'
    return bool(glob.glob(os.path.join(WHEEL_DIR, stem + '*.whl')))


args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
wanted = [arg for arg in args if not arg.startswith('-')]
offline = ['--no-index'] if wanted and all('==' in arg and local(arg) for arg in wanted) else []
sys.path.insert(0, PIP_WHEEL)
sys.argv = ['pip', 'install', '--find-links', WHEEL_DIR] + offline + args
runpy.run_module('pip', run_name='__main__', alter_sys=True)
'''


def bootstrap_packages():
    """Return {name: version} of what this ansible-test bootstraps into a Python 3.12 venv."""
    try:
        from ansible_test._internal.python_requirements import get_venv_packages  # pylint: disable=import-outside-toplevel
    except ImportError as ex:
        sys.exit('ansible_test_pip_shim: cannot read the bootstrap packages from ansible-test (%s); '
                 'run this with the Python of a venv holding ansible-core' % ex)
    return get_venv_packages(types.SimpleNamespace(version='%d.%d' % sys.version_info[:2]))


def wheel_for(wheel_dir, name, version):
    """Return the file name of the downloaded wheel for name==version, or None."""
    found = sorted(glob.glob(os.path.join(wheel_dir, '%s-%s-*.whl' % (name.replace('-', '_'), version))))
    return os.path.basename(found[0]) if found else None


def main():
    """Download the wheels and write the shim."""
    if len(sys.argv) != 3:
        sys.exit('usage: %s WHEEL_DIR TEST_HOME' % sys.argv[0])
    wheel_dir = os.path.abspath(sys.argv[1])
    test_home = os.path.abspath(sys.argv[2])
    packages = bootstrap_packages()
    missing = ['%s==%s' % item for item in sorted(packages.items()) if not wheel_for(wheel_dir, *item)]
    if missing:
        os.makedirs(wheel_dir, exist_ok=True)
        subprocess.run([sys.executable, '-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--no-deps',
                        '--only-binary=:all:', '--dest', wheel_dir] + missing, check=True)
    pip_version = packages['pip']
    pip_wheel = wheel_for(wheel_dir, 'pip', pip_version)
    if not pip_wheel:
        sys.exit('ansible_test_pip_shim: pip %s wheel not found in %s after download' % (pip_version, wheel_dir))
    shim_path = os.path.join(test_home, '.ansible', 'test', 'cache', 'get_pip_%s.py' % pip_version.replace('.', '_'))
    text = SHIM.format(pip_version=pip_version, wheel_dir=wheel_dir, pip_wheel=pip_wheel)
    current = None
    if os.path.exists(shim_path):
        with open(shim_path, encoding='utf-8') as handle:
            current = handle.read()
    if current != text:
        os.makedirs(os.path.dirname(shim_path), exist_ok=True)
        with open(shim_path, 'w', encoding='utf-8') as handle:
            handle.write(text)
    print('ansible_test_pip_shim: %s serves %s' % (shim_path, ', '.join('%s==%s' % item for item in sorted(packages.items()))))


if __name__ == '__main__':
    main()
