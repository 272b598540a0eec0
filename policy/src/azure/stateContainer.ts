// Blob containers: the state container is never anonymously readable.
import { Control, resourceControl } from "../common/control";
import { isUnknown, read, sameText, show } from "../common/props";
import { AzureTypes } from "./types";

export const containerNoPublicAccess = resourceControl({
    name: "azure-container-no-public-access",
    controlId: "CIS Azure v5 9.3.8",
    requirement: "No container allows anonymous access to its blobs.",
    remedy: "leave publicAccess unset or set it to \"None\".",
    resourceType: AzureTypes.BlobContainer,
    validate: (props, report) => {
        const access = read(props, "publicAccess");
        if (access !== undefined && access !== null && !isUnknown(access) && !sameText(access, "None")) {
            report(`publicAccess is ${show(access)}; it must be unset or "None".`);
        }
    },
});

export const stateContainerControls: Control[] = [containerNoPublicAccess];
