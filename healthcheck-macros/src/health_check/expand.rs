//! The registration emitted beside a `#[health_check]` function.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ItemFn;

use super::parse::CheckArgs;
use crate::duration::DurationLit;
use crate::registration::Registration;

pub(crate) fn expand(args: &CheckArgs, function: &ItemFn) -> syn::Result<TokenStream> {
    crate::signature::validate(&function.sig, "health checks", "add_check")?;
    let registration = Registration::new(function, &args.common);
    let private = &registration.private;
    let tags = args.tags.iter().flatten();
    let timeout = optional_duration(args.timeout.as_ref());
    let success_ttl = optional_duration(args.success_ttl.as_ref());
    let failed_ttl = optional_duration(args.failed_ttl.as_ref());
    let critical = args.critical.as_ref().is_none_or(|lit| lit.value);
    let component = optional(args.component.as_ref());
    let measurement = optional(args.measurement.as_ref());
    let component_id = optional(args.component_id.as_ref());
    let component_type = optional(args.component_type.as_ref());
    let affected_endpoints = args.affected_endpoints.iter().flatten();
    let fields = quote! {
        tags: &[#(#tags),*],
        timeout: #timeout,
        critical: #critical,
        success_ttl: #success_ttl,
        failed_ttl: #failed_ttl,
        component: #private::ComponentRegistration {
            name: #component,
            measurement: #measurement,
            id: #component_id,
            kind: #component_type,
            affected_endpoints: &[#(#affected_endpoints),*],
        },
    };
    // Spanned on the return type, so that an unaccepted type is reported on the user's code.
    let return_type = crate::spans::return_type(&function.sig);
    let into_outcome = quote_spanned!(return_type=> #private::into_outcome(returned));
    let runner = registration.runner(
        &quote!(#private::CheckFn),
        &quote!(#private::Outcome),
        &quote!(#private::BoxFuture),
        &into_outcome,
    );
    Ok(registration.submit(&quote!(#private::CheckRegistration), &fields, &runner))
}

/// `Some(value)` or `None`, as an expression of the generated code.
fn optional(value: Option<impl quote::ToTokens>) -> TokenStream {
    value.map_or_else(
        || quote!(::core::option::Option::None),
        |value| quote!(::core::option::Option::Some(#value)),
    )
}

fn optional_duration(duration: Option<&DurationLit>) -> TokenStream {
    optional(duration.map(DurationLit::to_tokens))
}
