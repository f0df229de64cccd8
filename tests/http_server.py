"""A real HTTP server on 127.0.0.1 for the fetch tests, with routes that misbehave on purpose."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.fixtures.pages import BIG5_PAGE, GBK_PAGE

SITE_A = """<html><head><meta charset="utf-8"><title>示例市发布创新数据</title></head><body>
<div class="nav">首页 | 新闻 | 图片 | 视频</div><div class="article"><h1>示例市发布创新数据</h1><p>2024-07-15</p>
<p>今年上半年，示例市高新技术企业达到3200家，同比增长18%。全市技术合同成交额增长1.2倍，新型研发机构达到45家。</p>
<p>示例市还建成中试基地12个，服务企业800余家，带动产业升级。</p></div><div class="foot">版权所有 A站</div></body></html>"""
SITE_B = SITE_A.replace("版权所有 A站", "转载自A站 版权归原作者").replace("首页 | 新闻 | 图片 | 视频", "主页 | 转载")


class Handler(BaseHTTPRequestHandler):
    counters: dict[str, int] = {}
    user_agents: list[str] = []
    hits: list[tuple[str, float]] = []
    toggle_ok = True

    def log_message(self, *args):   # keep test output clean
        pass

    def _send(self, status, body=b"", ctype="text/html", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        path = self.path
        Handler.counters[path] = Handler.counters.get(path, 0) + 1
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        Handler.hits.append((path, time.monotonic()))
        n = Handler.counters[path]
        if path == "/gbk":
            return self._send(200, GBK_PAGE.encode("gbk"))
        if path == "/big5":
            return self._send(200, BIG5_PAGE.encode("big5"))
        if path == "/redirect":
            return self._send(302, headers={"Location": "/gbk"})
        if path == "/redirect-ftp":
            return self._send(302, headers={"Location": "ftp://files.invalid/page"})
        if path == "/missing":
            return self._send(404, b"not here")
        if path == "/flaky":
            return self._send(500, b"oops") if n == 1 else self._send(200, GBK_PAGE.encode("gbk"))
        if path == "/down":
            return self._send(503, b"down")
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200, GBK_PAGE.encode("gbk"))
        if path == "/big":
            return self._send(200, b"x" * 300_000)
        if path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304)
            Handler.counters["/etag:full"] = Handler.counters.get("/etag:full", 0) + 1
            return self._send(200, GBK_PAGE.encode("gbk"), headers={"ETag": '"v1"', "Last-Modified": "Mon, 15 Jul 2024 08:00:00 GMT"})
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", "application/pdf")
        if path == "/empty":
            return self._send(200, b"")
        if path == "/toggle":
            return self._send(200, GBK_PAGE.encode("gbk")) if Handler.toggle_ok else self._send(500, b"broken")
        if path in ("/siteA/news.html", "/siteB/repost.html"):
            # Last-Modified only (no ETag): the other kind of conditional GET
            stamp = "Mon, 15 Jul 2024 08:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                return self._send(304)
            Handler.counters["full:" + path] = Handler.counters.get("full:" + path, 0) + 1
            body = (SITE_A if path.startswith("/siteA") else SITE_B).encode()
            return self._send(200, body, "text/html; charset=utf-8", headers={"Last-Modified": stamp})
        return self._send(404, b"unknown route")


class LocalServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def reset(self) -> None:
        Handler.counters.clear()
        Handler.user_agents.clear()
        Handler.hits.clear()
        Handler.toggle_ok = True

    def __enter__(self):
        self.reset()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
