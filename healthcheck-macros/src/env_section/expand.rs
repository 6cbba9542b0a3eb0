//! The registration emitted beside an `#[env_section]` function.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use super::parse::SectionArgs;
use crate::registration::Registration;
use crate::spans::{respan, return_type};

pub(crate) fn expand(args: &SectionArgs, function: &ItemFn) -> syn::Result<TokenStream> {
    crate::signature::validate(&function.sig, "environment sections", "add_section")?;
    args.validate_default_name(function)?;
    let registration = Registration::new(function, &args.common);
    let private = &registration.private;
    // Autoref specialization: a `Result` shows its `Err` as an error entry, any other
    // `Serialize` value is the section. Spanned on the return type, where a wrong type is.
    let into_section = respan(
        quote!((&&#private::SectionWrap(returned)).__healthcheck_section()),
        return_type(&function.sig),
    );
    let convert = quote!({
        #[allow(unused_imports)]
        use #private::{SectionResult as _, SectionValue as _};
        #into_section
    });
    let runner = registration.runner(
        &quote!(#private::SectionFn),
        &quote!(::core::result::Result<#private::Value, ::std::string::String>),
        &quote!(#private::SectionFuture),
        &convert,
    );
    Ok(registration.submit(
        &quote!(#private::SectionRegistration),
        &TokenStream::new(),
        &runner,
    ))
}
