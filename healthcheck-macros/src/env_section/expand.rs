//! The registration emitted beside an `#[env_section]` function.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ItemFn, ReturnType};

use super::parse::SectionArgs;
use crate::krate::{respan, runtime_path};

pub(crate) fn registration(function: &ItemFn, args: &SectionArgs) -> TokenStream {
    let krate = runtime_path(args.krate.as_ref());
    let private = quote!(#krate::__private);
    let ident = &function.sig.ident;
    let name = args.name(function);
    let return_span = match &function.sig.output {
        ReturnType::Type(_, ty) => ty.span(),
        ReturnType::Default => ident.span(),
    };
    // Autoref specialization: a `Result` shows its `Err` as an error entry, any other
    // `Serialize` value is the section. Spanned on the return type, where a wrong type is.
    let into_section = respan(
        quote!((&&#private::SectionWrap(returned)).__healthcheck_section()),
        return_span,
    );
    let traits = quote! {
        #[allow(unused_imports)]
        use #private::{SectionResult as _, SectionValue as _};
    };
    let runner = if function.sig.asyncness.is_some() {
        quote! {
            fn __healthcheck_section() -> #private::SectionFuture {
                ::std::boxed::Box::pin(async {
                    #traits
                    let returned = #ident().await;
                    #into_section
                })
            }
            #private::SectionFn::Async(__healthcheck_section)
        }
    } else {
        quote! {
            fn __healthcheck_section() -> ::core::result::Result<#private::Value, ::std::string::String> {
                #traits
                let returned = #ident();
                #into_section
            }
            #private::SectionFn::Blocking(__healthcheck_section)
        }
    };
    let location = quote_spanned!(ident.span()=> ::core::file!(), ::core::line!());

    let mut tokens = function.to_token_stream();
    tokens.extend(quote! {
        const _: () = {
            #private::inventory::submit! {
                #private::SectionRegistration {
                    name: #name,
                    module_path: ::core::module_path!(),
                    location: #private::Location::new(#location),
                    run: { #runner },
                }
            }
        };
    });
    tokens
}
