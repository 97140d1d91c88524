#!/bin/sh
# Advertise this container's own address to the cluster unless told otherwise (Kubernetes sets Cohort__AdvertisedAddress from the
# pod IP; docker compose leaves it to this script).
if [ -z "${Cohort__AdvertisedAddress:-}" ]; then
  Cohort__AdvertisedAddress=$(hostname -i | awk '{print $1}')
  export Cohort__AdvertisedAddress
fi
exec dotnet /app/silo/Cohort.Silo.dll "$@"
