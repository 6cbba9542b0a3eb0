//! `build_info!()`: the application's crate, version and resolved dependencies, read from its
//! `Cargo.lock` when it compiles.

mod lockfile;

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};

use crate::common_args::{parse_crate, parse_each, private_path};

/// `build_info!()` or `build_info!(crate = path)`.
struct Args {
    krate: Option<syn::Path>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut krate = None;
        parse_each(input, |meta| {
            if meta.path.is_ident("crate") {
                parse_crate(&meta, &mut krate)
            } else {
                Err(meta.error("unknown argument, expected: crate"))
            }
        })?;
        Ok(Args { krate })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    match expand_or_error(input) {
        Ok(tokens) => tokens,
        Err(error) => error.into_compile_error(),
    }
}

fn expand_or_error(input: TokenStream) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(input)?;
    let private = private_path(args.krate.as_ref());
    let env = |name: &str| {
        std::env::var(name).map_err(|_| {
            syn::Error::new(
                Span::call_site(),
                format!("`{name}` is not set: build with cargo"),
            )
        })
    };
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let (name, version) = (env("CARGO_PKG_NAME")?, env("CARGO_PKG_VERSION")?);
    let lock_path = find_lockfile(&manifest_dir).ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            format!(
                "no Cargo.lock in {} or above: run `cargo generate-lockfile`",
                manifest_dir.display()
            ),
        )
    })?;
    let lock = std::fs::read_to_string(&lock_path).map_err(|error| {
        syn::Error::new(
            Span::call_site(),
            format!("cannot read {}: {error}", lock_path.display()),
        )
    })?;
    let dependencies = lockfile::dependencies_of(&lock, &name, &version).map_err(|error| {
        syn::Error::new(
            Span::call_site(),
            format!("{}: {error}", lock_path.display()),
        )
    })?;
    let (dep_names, dep_versions): (Vec<_>, Vec<_>) = dependencies.into_iter().unzip();
    let lock_path = lock_path.to_string_lossy().into_owned();
    Ok(quote! {
        const _: () = {
            // Makes the lock file an input of this crate: a changed lock rebuilds it.
            const _: &[u8] = ::core::include_bytes!(#lock_path);
            #private::inventory::submit! {
                #private::BuildInfo {
                    name: ::core::env!("CARGO_PKG_NAME"),
                    version: ::core::env!("CARGO_PKG_VERSION"),
                    dependencies: &[#((#dep_names, #dep_versions)),*],
                }
            }
        };
    })
}

fn find_lockfile(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join("Cargo.lock"))
        .find(|path| path.is_file())
}
