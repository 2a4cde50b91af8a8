//! The 404 page's home link, found by script from the address (no base URL), never leaves the
//! site: an address like `//evil.example/x` must not make it protocol-relative (issue 23).

mod common;
#[path = "common/browser.rs"]
#[allow(dead_code)]
mod harness;

use harness::{run, site_dir, Device, Host, Session};

#[test]
fn the_not_found_home_link_never_leaves_the_site() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let host = Host::start(site_dir(), "/");
        for missing in [
            "/evil.example/x",
            "//evil.example/a/b.html",
            "/./evil.example/x",
        ] {
            s.open_url(&host.url(missing)).await;
            assert!(s.text("h1").await.contains("Page not found"), "{missing}");
            let home = s.eval_str("document.querySelector('main a').href").await;
            assert!(
                home.starts_with(&host.url("")),
                "{missing}: the home link leaves the site: {home}"
            );
            s.errors.lock().unwrap().clear();
        }
        s.finish().await;
    });
}
