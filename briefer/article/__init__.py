"""Stage 1, the article: one article's text from a file, stdin, an HTML page or a URL, split into sentences.

Owns reading and decoding files (`read`: the plain-text convention, encodings, binary refusal),
article pages (`page`: main text and metadata by trafilatura), where `briefer make` is pointed
(`location`), HTTP (`fetch`), the language check (`language`), the size limits (`limits`) and
sentence splitting (`sentences`).

May import: `briefer.models`, `briefer.errors`, `briefer.paths`, `briefer.about`.
"""
