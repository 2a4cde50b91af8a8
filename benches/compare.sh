#!/usr/bin/env bash
# explainer against Hugo on the same Markdown, with hyperfine and /usr/bin/time.
#
#   benches/compare.sh [SIZES] [RUNS]        e.g. benches/compare.sh "1 100 1000" 5
#
# Two corpora of N articles each:
#   text  N copies of the seed's article.md (chart blocks removed) + sources.toml
#   full  N copies of the seed's whole article folder (charts and timeline too)
# Hugo gets the same article.md files in both (it has no charts or timeline to build).
# Three modes: cold (empty output folder), warm (rebuild, nothing changed), one (rebuild after
# one article changed). Prints one table: median wall time, ratio to Hugo on the same corpus,
# size and mode, peak RSS, output bytes and files per article. Then the kernel's cost per file on
# this machine: `cp -r` of the largest explainer output. Needs hugo, hyperfine, /usr/bin/time
# (`apt-get install -y hugo hyperfine time`). The machine is shared: compare medians and ratios.
set -euo pipefail
sizes=${1:-"1 100 1000"}
runs=${2:-5}
root="$(cd "$(dirname "$0")/.." && pwd)"
seed="$root/content/articles/russia-china-partnership"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/explainer"

# The seed article without its chart blocks (they need charts.toml).
awk '/^```chart/{skip=1} !skip{print} /^```$/{if(skip){skip=0}}' "$seed/article.md" > "$work/text-article.md"

make_corpus() { # corpus n
  local corpus=$1 n=$2 dir="$work/$1-$2"
  mkdir -p "$dir/ex/articles" "$dir/hugo/content/posts" "$dir/hugo/layouts/_default"
  cp "$root/content/site.toml" "$dir/ex/"
  for i in $(seq -w 1 "$n"); do
    local a="$dir/ex/articles/a-$i"
    mkdir -p "$a"
    if [ "$corpus" = text ]; then
      cp "$work/text-article.md" "$a/article.md"
      cp "$seed/sources.toml" "$a/"
    else
      cp "$seed"/* "$a/"
    fi
    cp "$a/article.md" "$dir/hugo/content/posts/a-$i.md"
  done
  cat > "$dir/hugo/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS"]
TOML
  cat > "$dir/hugo/layouts/_default/single.html" <<'HTML'
<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</body></html>
HTML
  cat > "$dir/hugo/layouts/_default/list.html" <<'HTML'
<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>
HTML
}

# The command that builds corpus dir with tool into out.
command_for() { # tool dir
  if [ "$1" = explainer ]; then
    echo "$bin build --content $2/ex --output $2/out-explainer"
  else
    echo "hugo --quiet --source $2/hugo --destination $2/out-hugo"
  fi
}

# Appends a sentence to the first article (both tools' copies): "one article changed".
cat > "$work/edit.sh" <<'SH'
first=$(seq -w 1 "$2" | head -1)
stamp="Edited $(date +%s%N)."
printf '\n%s\n' "$stamp" >> "$1/ex/articles/a-$first/article.md"
printf '\n%s\n' "$stamp" >> "$1/hugo/content/posts/a-$first.md"
SH

median_of() { # hyperfine json
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

peak_rss_mb() { # command...
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}'
}

results="$work/results.tsv"
: > "$results"
for corpus in text full; do
  for n in $sizes; do
    make_corpus "$corpus" "$n"
    dir="$work/$corpus-$n"
    for tool in explainer hugo; do
      cmd=$(command_for "$tool" "$dir")
      out="$dir/out-$tool"
      # cold: an empty output folder every run
      hyperfine --style none --runs "$runs" --prepare "rm -rf $out" --export-json "$work/h.json" "$cmd" > /dev/null
      cold=$(median_of "$work/h.json")
      rm -rf "$out"
      # shellcheck disable=SC2086
      rss_cold=$(peak_rss_mb $cmd)
      bytes=$(du -sb --exclude=.explainer "$out" | cut -f1)
      files=$(find "$out" -path "$out/.explainer" -prune -o -type f -print | wc -l)
      # warm: nothing changed
      hyperfine --style none --runs "$runs" --warmup 1 --export-json "$work/h.json" "$cmd" > /dev/null
      warm=$(median_of "$work/h.json")
      # shellcheck disable=SC2086
      rss_warm=$(peak_rss_mb $cmd)
      # one: one article changed before each run
      hyperfine --style none --runs "$runs" --warmup 1 --prepare "bash $work/edit.sh $dir $n" \
        --export-json "$work/h.json" "$cmd" > /dev/null
      one=$(median_of "$work/h.json")
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$corpus" "$n" "$tool" "$cold" "$warm" "$one" \
        "$rss_cold" "$rss_warm" "$((bytes / n))" "$(awk -v f="$files" -v n="$n" 'BEGIN{printf "%.1f", f/n}')" >> "$results"
    done
    # Keep only the largest full corpus, for the `cp -r` measurement below.
    if [ "$corpus" != full ] || [ "$n" != "$(echo "$sizes" | awk '{print $NF}')" ]; then
      rm -rf "$dir"
    fi
  done
done

python3 - "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
hugo = {(r[0], r[1]): r for r in rows if r[2] == "hugo"}
hugo_text = {r[1]: r for r in rows if r[2] == "hugo" and r[0] == "text"}
def ms(s): return f"{float(s) * 1000:9.0f}"
print("| corpus | articles | tool | cold ms | warm ms | one changed ms | cold/Hugo | warm/Hugo | one/Hugo | full/Hugo text (cold) | peak RSS cold / warm MB | bytes/article | files/article |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    corpus, n, tool, cold, warm, one, rc, rw, b, f = r
    h = hugo[(corpus, n)]
    ratio = lambda i: f"{float(r[i]) / float(h[i]):.2f}"
    vs_text = f"{float(cold) / float(hugo_text[n][3]):.2f}" if corpus == "full" and tool == "explainer" and n in hugo_text else ""
    print(f"| {corpus} | {n} | {tool} | {ms(cold)} | {ms(warm)} | {ms(one)} | {ratio(3)} | {ratio(4)} | {ratio(5)} | {vs_text} | {rc} / {rw} | {int(b):,} | {f} |")
PY

# The kernel's cost of creating the files: copy the largest explainer output, as `cp -r` does.
largest=$(ls -d "$work"/full-* 2>/dev/null | sort -t- -k2 -n | tail -1)
if [ -n "$largest" ] && [ -d "$largest/out-explainer" ]; then
  src="$largest/out-explainer"
  files=$(find "$src" -type f | wc -l)
  bytes=$(du -sb "$src" | cut -f1)
  hyperfine --style none --runs 3 --prepare "rm -rf $work/copy" --export-json "$work/h.json" "cp -r $src $work/copy" > /dev/null
  t=$(median_of "$work/h.json")
  python3 -c "import sys; t,f,b=float(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); print(f'cp -r of {f} files ({b/1e6:.0f} MB): {t*1000:.0f} ms, {t/f*1e6:.1f} us per file')" "$t" "$files" "$bytes"
fi
