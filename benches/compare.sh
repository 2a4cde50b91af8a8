#!/usr/bin/env bash
# Compares explainer with Hugo on the same Markdown: N copies of the seed article (default 1000).
# Needs `apt-get install -y hugo hyperfine`. Prints hyperfine's medians; run on a quiet machine.
set -euo pipefail
n=${1:-1000}
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
mkdir -p "$work/ex/articles" "$work/hugo/content/posts" "$work/hugo/layouts/_default"
cp "$root/content/site.toml" "$work/ex/"
for i in $(seq -w 1 "$n"); do
  cp -r "$root/content/articles/russia-china-partnership" "$work/ex/articles/a-$i"
  cp "$root/content/articles/russia-china-partnership/article.md" "$work/hugo/content/posts/a-$i.md"
done
cat > "$work/hugo/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS"]
TOML
cat > "$work/hugo/layouts/_default/single.html" <<'HTML'
<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</body></html>
HTML
cat > "$work/hugo/layouts/_default/list.html" <<'HTML'
<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>
HTML
hyperfine --warmup 1 --runs 5 \
  -n explainer "$root/target/release/explainer build --content $work/ex --output $work/ex-out" \
  -n hugo "hugo --quiet --source $work/hugo --destination $work/hugo-out"
