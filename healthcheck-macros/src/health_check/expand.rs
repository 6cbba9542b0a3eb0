//! The registration emitted beside a `#[health_check]` function.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{ItemFn, ReturnType};

use super::parse::CheckArgs;
use crate::duration::DurationLit;
use crate::krate::runtime_path;

pub(crate) fn registration(function: &ItemFn, args: &CheckArgs) -> TokenStream {
    let krate = runtime_path(args.krate.as_ref());
    let private = quote!(#krate::__private);
    let ident = &function.sig.ident;
    let name = match &args.name {
        Some(name) => name.value(),
        None => ident.unraw().to_string(),
    };
    let tags = args.tags.iter().flatten();
    let timeout = optional_duration(args.timeout.as_ref());
    let success_ttl = optional_duration(args.success_ttl.as_ref());
    let failed_ttl = optional_duration(args.failed_ttl.as_ref());
    let critical = args.critical.as_ref().is_none_or(|lit| lit.value);

    // Spanned on the return type, so that an unaccepted type is reported on the user's code.
    let return_span = match &function.sig.output {
        ReturnType::Type(_, ty) => ty.span(),
        ReturnType::Default => ident.span(),
    };
    let runner = if function.sig.asyncness.is_some() {
        let into_outcome = quote_spanned!(return_span=> #private::into_outcome(returned));
        quote! {
            fn __healthcheck_run() -> #private::BoxFuture {
                ::std::boxed::Box::pin(async {
                    let returned = #ident().await;
                    #into_outcome
                })
            }
            #private::CheckFn::Async(__healthcheck_run)
        }
    } else {
        let into_outcome = quote_spanned!(return_span=> #private::into_outcome(returned));
        quote! {
            fn __healthcheck_run() -> #private::Outcome {
                let returned = #ident();
                #into_outcome
            }
            #private::CheckFn::Blocking(__healthcheck_run)
        }
    };
    let location = quote_spanned!(ident.span()=> ::core::file!(), ::core::line!());

    let mut tokens = function.to_token_stream();
    tokens.extend(quote! {
        const _: () = {
            #private::inventory::submit! {
                #private::CheckRegistration {
                    name: #name,
                    tags: &[#(#tags),*],
                    timeout: #timeout,
                    critical: #critical,
                    success_ttl: #success_ttl,
                    failed_ttl: #failed_ttl,
                    module_path: ::core::module_path!(),
                    location: #private::Location::new(#location),
                    run: { #runner },
                }
            }
        };
    });
    tokens
}

fn optional_duration(duration: Option<&DurationLit>) -> TokenStream {
    duration.map_or_else(
        || quote!(::core::option::Option::None),
        |duration| {
            let duration = duration.to_tokens();
            quote!(::core::option::Option::Some(#duration))
        },
    )
}
