"""Small shared libraries with the vendors' C entry points, built with gcc for the tests.

- the SDK (InitComm / Authenticate / Read_Content / CloseComm / GetSAMID): a card
  is "on the reader" while ``card.bin`` (its 256-byte text) exists in the folder
  named by ``FAKE_SDK_DIR``; ``lift`` there makes the next read fail; reads write
  ``wz.txt`` and ``zp.wlt`` into that folder, as the real libraries do. As on real
  readers, a card read is halted: Authenticate (find and select) no longer finds it
  until it is lifted (or another card is laid), yet ``Read_Content(3)`` (its newest
  address, written to ``newadd.txt``) answers while it lies there. ``silent`` in the
  folder makes every call fail (a reader that stopped answering); built with
  ``samid=False`` it has no GetSAMID;
- the WLT decoder (``unpack``): turns a 1024-byte photo starting with "WL" into a
  102×126 BMP, refuses anything else.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SDK_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int opened = 0;
static char path[4096];
static char halted[256];  /* the text of the card read, halted until lifted */
static int is_halted = 0;
static const char *p(const char *name) {
    snprintf(path, sizeof path, "%s/%s", getenv("FAKE_SDK_DIR"), name);
    return path;
}
static int exists(const char *name) { FILE *f = fopen(p(name), "rb"); if (f) fclose(f); return f != 0; }
static int answers(void) { return opened && !exists("silent") && !exists("unplugged"); }
/* The card on the reader (1), or none (0: whatever was halted has left the field). */
static int card(char *buf) {
    FILE *in = fopen(p("card.bin"), "rb");
    int n;
    if (!in) { is_halted = 0; return 0; }
    n = (int)fread(buf, 1, 256, in);
    fclose(in);
    return n == 256;
}
int InitComm(int port) { if (port != 1001 || exists("unplugged")) return 0; opened = 1; return 1; }
int CloseComm(void) { opened = 0; return 1; }
int Authenticate(void) {
    char buf[256];
    if (!answers() || !card(buf)) return 0;
    return is_halted && memcmp(buf, halted, 256) == 0 ? 0 : 1;
}
#ifndef NO_SAMID
int GetSAMID(char *out) {
    if (!answers()) return 0;
    strcpy(out, "05.01-20240101-0000000001-0000000002");
    return 1;
}
#endif
int Read_Content(int active) {
    char buf[256]; FILE *out; int i;
    if (!answers()) return 0;
    if (active == 3) {  /* the newest address: the card answers while it lies there */
        if (!card(buf)) return 0;
        out = fopen(p("newadd.txt"), "wb"); fputs("address", out); fclose(out);
        return 1;
    }
    if (exists("lift") || !card(buf)) return 0;
    memcpy(halted, buf, 256); is_halted = 1;
    out = fopen(p("wz.txt"), "wb"); fwrite(buf, 1, 256, out); fclose(out);
    if (active == 1) {
        out = fopen(p("zp.wlt"), "wb"); fputc('W', out); fputc('L', out);
        for (i = 2; i < 1024; i++) fputc(i & 0xff, out);
        fclose(out);
    }
    return 1;
}
"""

WLT_C = r"""
#include <string.h>
int unpack(char *wlt, char *bmp, int flag) {
    int size = 38862, i;
    if (wlt[0] != 'W' || wlt[1] != 'L') return -1;
    memset(bmp, 0, size);
    bmp[0] = 'B'; bmp[1] = 'M';
    bmp[2] = size & 0xff; bmp[3] = (size >> 8) & 0xff;
    bmp[10] = 54; bmp[14] = 40; bmp[18] = 102; bmp[22] = 126; bmp[26] = 1; bmp[28] = 24;
    for (i = 54; i < size; i++) bmp[i] = wlt[i % 1024];
    return 1;
}
"""


def gcc_available() -> bool:
    """Whether the tests can build the libraries here."""
    return shutil.which("gcc") is not None


def build(source: str, out: Path, *flags: str) -> Path:
    """Compile ``source`` into the shared library ``out``."""
    c = out.with_suffix(".c")
    c.write_text(source, encoding="ascii")
    cmd = ["gcc", "-shared", "-fPIC", "-O1", *flags, "-o", str(out), str(c)]
    subprocess.run(cmd, check=True)
    return out


def build_sdk(folder: Path, *, samid: bool = True) -> Path:
    """The fake vendor SDK (without GetSAMID when ``samid`` is false)."""
    if samid:
        return build(SDK_C, folder / "libfakesdk.so")
    return build(SDK_C, folder / "libfakesdk_nosamid.so", "-DNO_SAMID")


def build_wlt(folder: Path) -> Path:
    """The fake WLT decoder."""
    return build(WLT_C, folder / "libfakewlt.so")
