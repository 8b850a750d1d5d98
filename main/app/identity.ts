// The app's identity on the desktop. Equal to package.json `build.appId` and, with `.desktop`, to
// `desktopName` (a unit test checks): Windows groups notifications under the AppUserModelID, and
// Linux matches windows to the installed .desktop file (WM_CLASS / Wayland app_id, which the
// GNOME global-shortcuts portal requires) through desktopName.
export const APP_ID = 'dev.desktop-assistant.app'
