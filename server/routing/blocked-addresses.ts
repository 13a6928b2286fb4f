// The address classes are pure and shared with the editor (which flags such hosts while drawing).
export { classifyAddress, type AddressClass, type AddressReach } from '../../workflows';
