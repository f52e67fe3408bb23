// Keyboard shortcuts listen on the window, where the lock screen's inert shell does not stop them:
// behind the lock they must do nothing (Alt+3 or Alt+N would unmount what the clerk had typed).
export const shellLocked = () => document.querySelector('.shell[inert]') !== null;
