//! The registration emitted beside a function: the function unchanged, then
//! `const _: () = { inventory::submit! { … } };` with its name, where it was written, and a
//! runner that calls it.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::ItemFn;

use crate::common_args::CommonArgs;

pub(crate) struct Registration<'a> {
    function: &'a ItemFn,
    /// `::healthcheck::__private`, or the same under `crate = path`.
    pub(crate) private: TokenStream,
    name: String,
}

impl<'a> Registration<'a> {
    pub(crate) fn new(function: &'a ItemFn, args: &CommonArgs) -> Self {
        Registration {
            function,
            private: args.private_path(),
            name: args.name(function),
        }
    }

    /// `kind::Blocking` or `kind::Async` of a `fn` that calls the function and turns
    /// `returned` into `output` (or a boxed `future` of it) with the expression `convert`.
    pub(crate) fn runner(
        &self,
        kind: &TokenStream,
        output: &TokenStream,
        future: &TokenStream,
        convert: &TokenStream,
    ) -> TokenStream {
        let ident = &self.function.sig.ident;
        if self.function.sig.asyncness.is_some() {
            quote! {
                fn __healthcheck_run() -> #future {
                    ::std::boxed::Box::pin(async {
                        let returned = #ident().await;
                        #convert
                    })
                }
                #kind::Async(__healthcheck_run)
            }
        } else {
            quote! {
                fn __healthcheck_run() -> #output {
                    let returned = #ident();
                    #convert
                }
                #kind::Blocking(__healthcheck_run)
            }
        }
    }

    /// The function unchanged, then a `ty { name, fields.., module_path, location, run }`
    /// submitted to the registry.
    pub(crate) fn submit(
        &self,
        ty: &TokenStream,
        fields: &TokenStream,
        runner: &TokenStream,
    ) -> TokenStream {
        let private = &self.private;
        let name = &self.name;
        let location =
            quote_spanned!(self.function.sig.ident.span()=> ::core::file!(), ::core::line!());
        let mut tokens = self.function.to_token_stream();
        tokens.extend(quote! {
            const _: () = {
                #private::inventory::submit! {
                    #ty {
                        name: #name,
                        #fields
                        module_path: ::core::module_path!(),
                        location: #private::Location::new(#location),
                        run: { #runner },
                    }
                }
            };
        });
        tokens
    }
}
