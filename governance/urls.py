from django.urls import path

from .bodies import views as bodies
from .complaints import views as complaints
from .projects import views as projects
from .training import views as training

urlpatterns = [
    path("", bodies.body_list, name="governance"),
    path("organismi/nuovo/", bodies.body_create, name="body_create"),
    path("organismi/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("riunioni/<int:pk>/", bodies.meeting_detail, name="meeting_detail"),
    path("riunioni/<int:pk>/foglio-firme/", bodies.meeting_signin_sheet, name="meeting_signin_sheet"),
    path("azioni/<int:pk>/fatto/", bodies.followup_done, name="followup_done"),
    path("reclami/", complaints.complaint_list, name="complaint_list"),
    path("reclami/<int:pk>/", complaints.complaint_detail, name="complaint_detail"),
    path("reclami/sintesi/", complaints.complaint_summary, name="complaint_summary"),
    path("formazione/", training.training_list, name="training_list"),
    path("formazione/<int:pk>/", training.training_detail, name="training_detail"),
    path("personale/", training.staff_register, name="staff_register"),
    path("personale/<int:pk>/curriculum/", training.staff_cv, name="staff_cv"),
    path("progetti/", projects.project_list, name="project_list"),
    path("progetti/<int:pk>/", projects.project_detail, name="project_detail"),
    path("progetti/<int:pk>/buona-prassi/", projects.good_practice_edit, name="good_practice"),
    path("progetti/<int:pk>/buona-prassi.<str:fmt>", projects.good_practice_download,
         name="good_practice_download"),
]
