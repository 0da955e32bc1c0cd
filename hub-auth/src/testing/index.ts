export { StaffBrowser } from './staff-browser';
