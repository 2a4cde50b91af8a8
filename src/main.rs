//! The `explainer` command line: build, check and serve.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use explainer::{build, output, BuildOptions, Problems};

#[derive(Parser)]
#[command(
    name = "explainer",
    version,
    about = "Builds a static, interactive explainer site from content/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Paths {
    /// The content folder to read.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Absolute URL the site will be served from (for sitemap.xml and social tags).
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        #[command(flatten)]
        paths: Paths,
        /// The folder to write the site to.
        #[arg(long, default_value = "public")]
        output: PathBuf,
    },
    /// Check the content (notes, sources, anchors, events, charts) without writing anything.
    Check {
        #[command(flatten)]
        paths: Paths,
    },
    /// Preview the site on 127.0.0.1 with live reload (serves from memory; writes nothing).
    Serve {
        #[command(flatten)]
        paths: Paths,
        /// The port on 127.0.0.1 to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
}

fn report(problems: &Problems) {
    let errors: Vec<_> = problems.errors().collect();
    for (i, p) in errors.iter().enumerate() {
        eprintln!("{}. {p}", i + 1);
    }
    for p in problems.warnings() {
        eprintln!("{p}");
    }
    if !errors.is_empty() {
        eprintln!("{} error(s): nothing was written.", errors.len());
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Build { paths, output } => {
            if let Some(why) = output::refuse_output(&output, &paths.content) {
                eprintln!(
                    "error: refusing to write the site to {}: {why}",
                    output.display()
                );
                eprintln!("  hint: pass --output with a new or empty folder, or one explainer built before");
                return ExitCode::from(2);
            }
            let started = Instant::now();
            let options = BuildOptions {
                base_url: paths.base_url,
            };
            match build(&paths.content, &options) {
                Ok((site, problems)) => {
                    report(&problems);
                    let written = match output::write_site(&site, &output) {
                        Ok(written) => written,
                        Err(e) => {
                            eprintln!("error: cannot write {}: {e}", output.display());
                            return ExitCode::from(1);
                        }
                    };
                    println!(
                        "built {} files ({:.1} MB) into {} in {} ms: {} written, {} unchanged, {} removed",
                        site.files.len(),
                        site.total_bytes() as f64 / 1e6,
                        output.display(),
                        started.elapsed().as_millis(),
                        written.written,
                        written.unchanged + written.reused,
                        written.removed
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    report(&problems);
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve { paths, port } => {
            let options = BuildOptions {
                base_url: paths.base_url,
            };
            match explainer::serve::serve(paths.content, options, port) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
                    eprintln!("  hint: pass --port with a free port, or --port 0");
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { paths } => {
            let options = BuildOptions {
                base_url: paths.base_url,
            };
            match build(&paths.content, &options) {
                Ok((site, problems)) => {
                    report(&problems);
                    let broken = explainer::links::broken_links(&site);
                    for b in &broken {
                        eprintln!("error: {b}");
                    }
                    if broken.is_empty() {
                        println!(
                            "content is fine: {} pages, every link and anchor resolves",
                            site.files.keys().filter(|k| k.ends_with(".html")).count()
                        );
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(problems) => {
                    report(&problems);
                    ExitCode::from(1)
                }
            }
        }
    }
}
