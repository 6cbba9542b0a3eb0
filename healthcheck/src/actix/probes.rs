//! [`HealthCheck::probes`]: `/livez`, `/readyz`, `/startupz` and `/{probe}/{check}`.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::{get_or_head, method_not_allowed, respond};
use crate::health::HealthCheck;
use crate::probes::Probe;

/// What each probe route holds; a type of its own so it meets no other `Data` of the app.
struct ProbeRoute {
    health: HealthCheck,
    probe: Probe,
}

impl HealthCheck {
    /// Kubernetes' probes for `App::configure`: `GET`/`HEAD` on `/livez`, `/readyz`,
    /// `/startupz` and `/{probe}/{check}`, answered as [`probe`](Self::probe) and
    /// [`probe_check`](Self::probe_check) say (as the Kubernetes apiserver answers). See
    /// [`Probe`] for which checks each runs, and [`shutdown_signal`](Self::shutdown_signal)
    /// for the drain on shutdown.
    ///
    /// ```no_run
    /// use actix_web::{App, HttpServer};
    /// use healthcheck::HealthCheck;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let health = HealthCheck::new();
    /// HttpServer::new(move || App::new().configure(health.probes()))
    ///     .bind(("127.0.0.1", 8080))?
    ///     .run()
    ///     .await
    /// # }
    /// ```
    pub fn probes(&self) -> impl FnOnce(&mut web::ServiceConfig) + 'static {
        let health = self.clone();
        move |config| {
            for probe in Probe::ALL {
                let route = web::Data::new(ProbeRoute {
                    health: health.clone(),
                    probe,
                });
                config
                    .service(
                        web::resource(probe.path())
                            .app_data(route.clone())
                            .route(web::route().guard(get_or_head()).to(all_checks))
                            .default_service(web::to(method_not_allowed)),
                    )
                    .service(
                        web::resource(format!("{}/{{check}}", probe.path()))
                            .app_data(route)
                            .route(web::route().guard(get_or_head()).to(one_check))
                            .default_service(web::to(method_not_allowed)),
                    );
            }
        }
    }
}

async fn all_checks(request: HttpRequest, route: web::Data<ProbeRoute>) -> HttpResponse {
    let answer = route
        .health
        .probe(route.probe, request.query_string(), accept(&request))
        .await;
    respond(&answer)
}

async fn one_check(request: HttpRequest, route: web::Data<ProbeRoute>) -> HttpResponse {
    let name = super::check_name(&request);
    let answer = route
        .health
        .probe_check(route.probe, &name, request.query_string(), accept(&request))
        .await;
    respond(&answer)
}

fn accept(request: &HttpRequest) -> Option<&str> {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
}
