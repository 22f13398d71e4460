/** Topic names of DESIGN.md "Kafka layout" the uploader writes (contracts; do not rename). */
export const MD_RAW = 'md.raw';
export const MD_STATUS = 'md.status';
export const MD_DEADLETTER = 'md.deadletter';
