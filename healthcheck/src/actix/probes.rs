//! [`HealthCheck::probes`]: `/livez`, `/readyz`, `/startupz` and `/{probe}/{check}`.

use actix_web::{web, HttpRequest, HttpResponse};

use super::{request_of, respond};
use crate::health::HealthCheck;
use crate::probes::Probe;
use crate::serve::Route;

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
                            .to(all_checks),
                    )
                    .service(
                        web::resource(format!("{}/{{check}}", probe.path()))
                            .app_data(route)
                            .to(one_check),
                    );
            }
        }
    }
}

async fn all_checks(request: HttpRequest, route: web::Data<ProbeRoute>) -> HttpResponse {
    let request = request_of(&request);
    respond(
        &*route
            .health
            .serve(Route::Probe(route.probe), &request)
            .await,
    )
}

async fn one_check(request: HttpRequest, route: web::Data<ProbeRoute>) -> HttpResponse {
    let check = request.match_info().get("check").unwrap_or_default();
    let route_of = Route::ProbeCheck(route.probe, check);
    respond(&*route.health.serve(route_of, &request_of(&request)).await)
}
