// The script each Python function's process runs (python3 -u -c SOURCE ROOT MODULE FUNCTION):
// Lambda's Python runtime in small. It imports the handler module once — the cold start —
// then serves one invocation at a time: an invoke message (JSON, one line) arrives on stdin,
// the handler gets a Lambda-like context, and the reply goes back as one JSON line on file
// descriptor 3 (stdout and stderr stay the handler's, for print()). logging records go to
// fd 3 as log messages. Messages are the FromWorker/ToWorker shapes of ../worker-source.ts.
// Errors are reported as the Python runtime reports them: errorType, errorMessage and the
// stack trace as a list of "  File ..., line N, in f\n    code\n" entries.
// With a fifth argument "app-clock" (eda/testing's virtual clock), time and datetime read the
// app's clock: each invoke message's "now", moving on with real time during the invocation.
export const pythonBootstrap = String.raw`
import decimal, importlib, io, json, logging, os, sys, time, traceback

_out = os.fdopen(3, "w", encoding="utf-8")
# the invocations arrive on stdin: keep them to ourselves (the handler's stdin is empty, as on Lambda)
_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
sys.stdin = open(os.devnull, "r")
_root, _module, _function = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, _root)
_current = {"id": None}
_real_time = time.time
# how far (ms) the app's clock is ahead of the wall clock in the invocation in progress
_clock = {"offset_ms": 0}


def _use_app_clock():
    # Patched before the handler module is imported, so "from datetime import datetime" there
    # gets the app's class. isinstance/issubclass still accept the real classes' objects.
    import datetime as _dt
    real_time_ns, real_gmtime, real_localtime, real_date, real_datetime = time.time_ns, time.gmtime, time.localtime, _dt.date, _dt.datetime

    def app_time():
        return _real_time() + _clock["offset_ms"] / 1000

    def app_time_ns():
        return real_time_ns() + _clock["offset_ms"] * 1000000

    def gmtime(secs=None):
        return real_gmtime(app_time() if secs is None else secs)

    def localtime(secs=None):
        return real_localtime(app_time() if secs is None else secs)

    def meta(real):
        class Meta(type):
            def __instancecheck__(cls, obj):
                return isinstance(obj, real)

            def __subclasscheck__(cls, sub):
                return issubclass(sub, real)
        return Meta

    class date(real_date, metaclass=meta(real_date)):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(app_time())

    class datetime(real_datetime, metaclass=meta(real_datetime)):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(app_time(), tz)

        @classmethod
        def utcnow(cls):
            return cls.fromtimestamp(app_time(), _dt.timezone.utc).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return cls.fromtimestamp(app_time())

    for cls in (date, datetime):
        cls.__module__, cls.__qualname__ = "datetime", cls.__name__
    time.time, time.time_ns, time.gmtime, time.localtime = app_time, app_time_ns, gmtime, localtime
    _dt.date, _dt.datetime = date, datetime


if sys.argv[4:5] == ["app-clock"]:
    _use_app_clock()


# Some operations prefix the endpoint's host (Step Functions' StartSyncExecution calls
# sync-<host>); with the loopback endpoint that is sync-127.0.0.1, which no resolver knows.
# Such names resolve to the loopback address, so those boto3 calls reach eda too.
import re as _re, socket as _socket
_getaddrinfo = _socket.getaddrinfo


def _loopback_getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and _re.match(r"^[a-z0-9-]+-127\.0\.0\.1$", host, _re.I):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


_socket.getaddrinfo = _loopback_getaddrinfo


def _send(message):
    _out.write(json.dumps(message) + "\n")
    _out.flush()


class _LambdaLogHandler(logging.Handler):
    def emit(self, record):
        try:
            text = self.format(record)
        except Exception:
            text = str(record.msg)
        _send({"type": "log", "level": record.levelname, "requestId": _current["id"], "text": text})


class _LogStream(io.TextIOBase):
    # print() output, sent in order with the replies (a second pipe could overtake them)
    def __init__(self, level, fd):
        self._level, self._fd, self._partial = level, fd, ""

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    def write(self, text):
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        for line in lines:
            _send({"type": "log", "level": self._level, "requestId": _current["id"], "text": line})
        return len(text)

    def flush(self):
        if self._partial:
            line, self._partial = self._partial, ""
            _send({"type": "log", "level": self._level, "requestId": _current["id"], "text": line})


sys.stdout = _LogStream("INFO", 1)
sys.stderr = _LogStream("ERROR", 2)
_handler = _LambdaLogHandler()
_handler.setFormatter(logging.Formatter("%(message)s"))
logging.getLogger().addHandler(_handler)
if os.environ.get("AWS_LAMBDA_LOG_LEVEL"):
    logging.getLogger().setLevel(os.environ["AWS_LAMBDA_LOG_LEVEL"].upper())


def _error(e, error_type=None, skip=0):
    frames = traceback.extract_tb(e.__traceback__)[skip:]
    return {"errorType": error_type or type(e).__name__, "errorMessage": str(e), "trace": traceback.format_list(frames)}


def _decimal_serializer(o):
    # as the Python runtime's marshaller: Decimals (from boto3's DynamoDB reads) become numbers
    if isinstance(o, decimal.Decimal):
        return float(o)
    raise TypeError(repr(o) + " is not JSON serializable")


class LambdaContext:
    def __init__(self, c):
        self.aws_request_id = c["awsRequestId"]
        self.function_name = c["functionName"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = c["invokedFunctionArn"]
        self.memory_limit_in_mb = str(c["memoryLimitInMB"])
        self.log_group_name = c["logGroupName"]
        self.log_stream_name = c["logStreamName"]
        self.identity = None
        self.client_context = None
        self._deadline = c["deadline"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline - _real_time() * 1000))


def _load():
    started = time.perf_counter()
    try:
        module = importlib.import_module(_module)
    except SyntaxError as e:
        return None, {"errorType": "Runtime.UserCodeSyntaxError", "errorMessage": "Syntax error in module '%s': %s" % (_module, e), "trace": []}, started
    except ImportError as e:
        return None, {"errorType": "Runtime.ImportModuleError", "errorMessage": "Unable to import module '%s': %s" % (_module, e), "trace": []}, started
    except Exception as e:
        return None, _error(e, skip=1), started
    fn = getattr(module, _function, None)
    if not callable(fn):
        return None, {"errorType": "Runtime.HandlerNotFound", "errorMessage": "Handler '%s' missing on module '%s'" % (_function, _module), "trace": []}, started
    return fn, None, started


def _invoke(fn, message):
    context = LambdaContext(message["context"])
    _current["id"] = context.aws_request_id
    offset = message["now"] - int(_real_time() * 1000) if isinstance(message.get("now"), (int, float)) else 0
    _clock["offset_ms"] = 0 if abs(offset) < 1000 else int(offset)
    os.environ["AWS_LAMBDA_REQUEST_ID"] = context.aws_request_id
    began = time.perf_counter()
    try:
        result = fn(json.loads(message["event"]), context)
    except Exception as e:
        return {"type": "result", "id": message["id"], "ok": False, "error": _error(e, skip=1)}
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _current["id"] = None
    try:
        body = json.dumps(result, default=_decimal_serializer)
    except (TypeError, ValueError) as e:
        return {"type": "result", "id": message["id"], "ok": False, "error": {"errorType": "Runtime.MarshalError", "errorMessage": "Unable to marshal response: %s" % e, "trace": []}}
    return {"type": "result", "id": message["id"], "ok": True, "json": body, "ms": (time.perf_counter() - began) * 1000}


def _main():
    fn, error, started = _load()
    sys.stdout.flush()
    ready = {"type": "ready", "ms": (time.perf_counter() - started) * 1000}
    if error:
        ready["error"] = error
    _send(ready)
    if error:
        return
    for line in _in:
        message = json.loads(line)
        if message.get("type") == "invoke":
            _send(_invoke(fn, message))


_main()
`;
