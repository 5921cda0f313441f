#!/usr/bin/env python3
"""Launch a gradio app for upgrade-harness and block until killed.

Copied into (or run inside) each environment under test; it must work on gradio 4.x and 5.x.

Usage:
  python gradio_launch.py --app PATH --object NAME --port N [--host 127.0.0.1]
                          [--allowed-path P ...] [--cwd DIR]

PATH is a Python file; NAME is a module-level attribute that is either a gradio
Blocks/Interface or a zero-argument callable returning one. The app is launched with no
share link, no browser and analytics off. Once the server is listening, one line is printed
to stdout:
  GRADIO_LAUNCH_READY {"url": ..., "gradio_version": ..., "python": ..., "pid": ...}
The harness should still poll GET /config (at the root on 4.x and 5.x) for readiness.
Exit codes: 2 bad arguments / app not found, 3 object is not a Blocks, 4 launch failed.
"""

import argparse
import importlib.util
import json
import os
import platform
import sys
import traceback

# Must be set before gradio is imported anywhere.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("GRADIO_SHARE", "False")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--app", required=True, help="path to the app's .py file")
    p.add_argument("--object", default="demo", help="module attribute: Blocks/Interface or factory (default: demo)")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--allowed-path", action="append", default=[], dest="allowed_paths",
                   help="passed to launch(allowed_paths=...); may repeat")
    p.add_argument("--cwd", default=None, help="chdir here before importing the app (default: stay)")
    return p.parse_args(argv)


def load_app(path, name):
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        print("gradio_launch: app file not found: %s" % path, file=sys.stderr)
        sys.exit(2)
    app_dir = os.path.dirname(path)
    if app_dir not in sys.path:
        sys.path.insert(0, app_dir)
    mod_name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(mod_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    spec.loader.exec_module(module)
    if not hasattr(module, name):
        print("gradio_launch: %s has no attribute %r" % (path, name), file=sys.stderr)
        sys.exit(2)
    return getattr(module, name)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.cwd:
        os.chdir(args.cwd)
    obj = load_app(args.app, args.object)

    import gradio as gr

    if not isinstance(obj, gr.Blocks) and callable(obj):
        obj = obj()
    if not isinstance(obj, gr.Blocks):
        print("gradio_launch: %r is %s, not a gradio Blocks/Interface" % (args.object, type(obj).__name__),
              file=sys.stderr)
        sys.exit(3)

    kwargs = dict(
        server_name=args.host,
        server_port=args.port,
        share=False,
        inbrowser=False,
        prevent_thread_lock=True,  # return once listening, so we can announce readiness
        quiet=False,
    )
    if args.allowed_paths:
        kwargs["allowed_paths"] = [os.path.abspath(p) for p in args.allowed_paths]
    try:
        obj.launch(**kwargs)
    except Exception:
        traceback.print_exc()
        sys.exit(4)

    info = {
        "url": "http://%s:%d/" % (args.host, args.port),
        "gradio_version": getattr(gr, "__version__", None),
        "python": platform.python_version(),
        "pid": os.getpid(),
    }
    print("GRADIO_LAUNCH_READY " + json.dumps(info), flush=True)
    try:
        obj.block_thread()  # exists on 4.x and 5.x; returns on Ctrl-C after closing the server
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
