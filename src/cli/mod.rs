//! What the command line runs besides a build: the preview server.

pub mod serve;
