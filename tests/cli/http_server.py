#!/usr/bin/env python3
"""A small HTTP server for the `normlab-cli get` tests, on 127.0.0.1 only.

serve FOLDER LOG: serves FOLDER on an ephemeral port, prints the port on stdout, logs one line per
request ("GET PATH range=RANGE") to LOG. Answers Range requests "bytes=N-" with 206 and
Content-Range, 404 for missing files, and for /truncate/N/PATH announces PATH's full length but
closes after N bytes of the body. Also answers as an HTTP proxy would: "GET http://HOST/PATH"
serves PATH (logged with the whole URL). Exits by itself after a while, should its parent die.

make ARCHIVE RECORDS [--evil]: writes a small CIFAR-10 binary archive (.tar.gz) holding
cifar-10-batches-bin/ with the six batches of RECORDS records each (labels 0..9 in turn) and
batches.meta.txt; --evil adds an entry ../evil.txt. Prints the archive's MD5.
"""

import hashlib
import http.server
import io
import os
import random
import sys
import tarfile
import threading

LIFETIME_SECONDS = 300  # a test takes seconds; an orphaned server must not outlive it for long
PIXEL_BYTES = 3072
CLASSES = ["airplane", "automobile", "bird", "cat", "deer",
           "dog", "frog", "horse", "ship", "truck"]


def batch_bytes(batch, records):
    # Seeded noise for pixels: the archive stays about as large as its records, so a resume at a
    # few thousand bytes lands inside it.
    noise = random.Random(batch)
    data = bytearray()
    for record in range(records):
        data.append(record % len(CLASSES))
        data += noise.randbytes(PIXEL_BYTES)
    return bytes(data)


def make_archive(path, records, evil):
    names = [f"data_batch_{batch}.bin" for batch in range(1, 6)] + ["test_batch.bin"]
    with tarfile.open(path, "w:gz") as tar:
        def add(name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for batch, name in enumerate(names):
            add("cifar-10-batches-bin/" + name, batch_bytes(batch, records))
        add("cifar-10-batches-bin/batches.meta.txt", ("\n".join(CLASSES) + "\n").encode())
        if evil:
            add("../evil.txt", b"written outside the folder\n")
    with open(path, "rb") as archive:
        print(hashlib.md5(archive.read()).hexdigest(), flush=True)


def handler_for(root, log_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass  # the request log below is the one the tests read

        def do_GET(self):
            range_header = self.headers.get("Range", "-")
            with open(log_path, "a") as log:
                log.write(f"GET {self.path} range={range_header}\n")
            path, cut = self.path, None
            if path.startswith("http://"):  # asked as a proxy: serve the URL's path from here
                path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
            if path.startswith("/truncate/"):
                _, _, count, rest = path.split("/", 3)
                path, cut = "/" + rest, int(count)
            file = os.path.join(root, path.lstrip("/"))
            if ".." in path or not os.path.isfile(file):
                self.send_error(404)
                return
            with open(file, "rb") as source:
                data = source.read()
            start = 0
            if range_header.startswith("bytes=") and range_header.endswith("-"):
                start = int(range_header[len("bytes="):-1])
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body if cut is None else body[:cut])
            self.wfile.flush()
            self.close_connection = True

    return Handler


def serve(root, log_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(root, log_path))
    server.daemon_threads = True
    threading.Timer(LIFETIME_SECONDS, lambda: os._exit(3)).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


def main(args):
    if len(args) == 3 and args[0] == "serve":
        serve(args[1], args[2])
    elif len(args) in (3, 4) and args[0] == "make":
        make_archive(args[1], int(args[2]), args[3:] == ["--evil"])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
