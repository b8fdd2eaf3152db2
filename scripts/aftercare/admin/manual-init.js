// Read before Decap CMS loads: the editor starts after aftercare-editor.js has registered the
// project's file formats (CMS.init() there).
window.CMS_MANUAL_INIT = true;
