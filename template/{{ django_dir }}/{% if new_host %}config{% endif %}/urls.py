from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("identity.urls")),  # AUTH_INTEGRATION_POINT
    # Not /admin/: the API owns /admin/users and /admin/emergency-access.
    path("django-admin/", admin.site.urls),
]

handler400 = "identity.errors.bad_request"
handler403 = "identity.errors.permission_denied"
handler404 = "identity.errors.page_not_found"
handler500 = "identity.errors.server_error"
