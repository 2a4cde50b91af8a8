//! The `explainer` command line: build, check and serve.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use explainer::Memory;
use explainer::{build_into, output, BuildError, BuildOptions, Problems, Timings};

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
    #[arg(long, value_parser = web_address)]
    base_url: Option<String>,
    /// Print how long each phase of the build took.
    #[arg(long, short)]
    verbose: bool,
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

/// `--base-url`: an absolute http(s) address; anything else is a usage error (exit code 2).
fn web_address(value: &str) -> Result<String, String> {
    if value.is_empty() || explainer::is_web_address(value.trim()) {
        Ok(value.to_string())
    } else {
        Err("give an absolute http(s) address, e.g. https://example.org/explainers/".into())
    }
}

/// Prints every problem (errors first), then a summary line.
fn report(problems: &Problems) {
    let errors = problems.errors().count();
    for p in problems.errors().chain(problems.warnings()) {
        eprintln!("{p}\n");
    }
    if errors > 0 {
        eprintln!("{errors} error(s): nothing was written.");
    }
}

/// `--verbose`: each phase's time (summed over articles built in parallel).
fn print_timings(timings: &Timings) {
    for (phase, took) in timings.phases() {
        eprintln!("{phase:>8}: {:.2} ms", took.as_secs_f64() * 1e3);
    }
}

/// Builds into memory; reports the problems. `None` when the build failed.
fn build_in_memory(paths: &Paths, timings: &Timings) -> Option<explainer::SiteFiles> {
    let options = BuildOptions {
        base_url: paths.base_url.clone(),
    };
    let memory = Memory::default();
    match build_into(&paths.content, &options, &memory, timings) {
        Ok(problems) => {
            report(&problems);
            Some(memory.into_site())
        }
        Err(BuildError::Content(problems)) => {
            report(&problems);
            None
        }
        Err(BuildError::Write(e)) => {
            eprintln!("error: {e}");
            None
        }
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
            let out = match output::OutputDir::open(&output) {
                Ok(out) => out,
                Err(e) => {
                    eprintln!("error: cannot write the site to {}: {e}", output.display());
                    return ExitCode::from(2);
                }
            };
            let options = BuildOptions {
                base_url: paths.base_url.clone(),
            };
            let timings = Timings::default();
            // Each article's files are written as soon as they are rendered; they take their
            // place only when the whole build has succeeded.
            match build_into(&paths.content, &options, &out, &timings) {
                Ok(problems) => {
                    report(&problems);
                    let committing = Instant::now();
                    let written = match out.finish() {
                        Ok(written) => written,
                        Err(e) => {
                            eprintln!("error: cannot write {}: {e}", output.display());
                            return ExitCode::from(1);
                        }
                    };
                    println!(
                        "built {} files into {} in {} ms: {} written ({:.1} MB), {} unchanged, {} removed",
                        written.written + written.unchanged + written.reused,
                        output.display(),
                        started.elapsed().as_millis(),
                        written.written,
                        written.bytes_written as f64 / 1e6,
                        written.unchanged + written.reused,
                        written.removed
                    );
                    if paths.verbose {
                        print_timings(&timings);
                        eprintln!(
                            "  commit: {:.2} ms",
                            committing.elapsed().as_secs_f64() * 1e3
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(problems)) => {
                    out.abandon();
                    report(&problems);
                    ExitCode::from(1)
                }
                Err(BuildError::Write(e)) => {
                    out.abandon();
                    eprintln!("error: cannot write {}: {e}", output.display());
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
            let timings = Timings::default();
            match build_in_memory(&paths, &timings) {
                Some(site) => {
                    if paths.verbose {
                        print_timings(&timings);
                    }
                    // The build itself checked every link and anchor.
                    println!(
                        "content is fine: {} pages, every link and anchor resolves",
                        site.files.keys().filter(|k| k.ends_with(".html")).count()
                    );
                    ExitCode::SUCCESS
                }
                None => ExitCode::from(1),
            }
        }
    }
}
